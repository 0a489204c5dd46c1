package dev.canship.rules.facts;

/** The deploying organization. {@code euMemberState}: its principal place of business is in one of the 27 EU states. */
public record Organization(String name, String country, long monthlyActiveUsers, boolean euMemberState) {
}
