package dev.canship.rules.facts;

/** The licensor's marks may be used only as the license allows. */
public record TrademarkTerm(String license, String word, String clause) {
}
