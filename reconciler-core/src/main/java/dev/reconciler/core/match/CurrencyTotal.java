package dev.reconciler.core.match;

import java.math.BigDecimal;

/** Sum of accepted amounts on each side for one currency. */
public record CurrencyTotal(String currency, BigDecimal sales, BigDecimal processor) {}
