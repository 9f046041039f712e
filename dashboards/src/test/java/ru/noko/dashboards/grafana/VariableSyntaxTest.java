package ru.noko.dashboards.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;

class VariableSyntaxTest {

    @Test
    void every_syntax_grafana_reads_names_its_variable() {
        assertThat(VariableSyntax.references(
                        "$a ${b} ${c:singlequote} [[d]] [[e:csv]] ${__data.fields.organization_id}"))
                .extracting(VariableSyntax.Reference::name)
                .containsExactly("a", "b", "c", "d", "e", "__data");
    }

    @Test
    void the_format_after_the_colon_is_kept() {
        assertThat(VariableSyntax.references("/d/x?${organization:queryparam}&var-role=$role"))
                .extracting(VariableSyntax.Reference::name, VariableSyntax.Reference::format)
                .containsExactly(tuple("organization", "queryparam"), tuple("role", ""));
    }

    @Test
    void a_clickhouse_macro_reads_as_a_built_in_and_its_arguments_as_variables() {
        assertThat(VariableSyntax.references(
                        "$__conditionalAll(municipality_id IN (${municipality:singlequote}), $municipality)"))
                .extracting(VariableSyntax.Reference::name)
                .containsExactly("__conditionalAll", "municipality", "municipality");
        assertThat(BuiltInVariables.contains("__conditionalAll")).isTrue();
        assertThat(BuiltInVariables.contains("__timeFiltr")).isFalse();
    }

    @Test
    void a_regular_expression_back_reference_is_not_a_variable() {
        assertThat(VariableSyntax.references("replaceRegexpOne(name, '(\\\\d+)-(.*)', '$2 ($1)')"))
                .isEmpty();
    }
}
