package ru.noko.publication.figures;

import java.math.BigDecimal;

/**
 * One indicator of an organization with what it was computed from, as the export's indicators sheet has it.
 *
 * @param value as published; null while undefined
 * @param numerator null for an indicator with no count behind it
 * @param denominator null where there is none
 * @param status empty when computed, otherwise why not («нет данных», «нет самооценки»)
 */
public record PublicIndicator(
        String id, String name, BigDecimal value, Long numerator, Long denominator, String status) {}
