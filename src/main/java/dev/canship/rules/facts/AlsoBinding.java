package dev.canship.rules.facts;

/**
 * A license that binds beside the governing one: a further base of a merge, the base under a later license of its
 * family, sources naming different bases, or a license a declaration joins with AND. The organization's policy
 * judges it as it judges the governing license.
 *
 * @param license the license (or use policy) id
 */
public record AlsoBinding(String license) {
}
