package ru.noko.pipeline.results;

import ru.noko.pipeline.antifraud.ScreenedResponse;

/**
 * What reaches an organization's live figures: a judged response or a fact about the organization. Exactly one is
 * set. One type for both, because the figures' operator also takes the campaigns' broadcast, and a keyed operator
 * takes one keyed input beside it. A Flink POJO.
 */
public class OrganizationInput {
    public ScreenedResponse response;
    public OrganizationFact fact;

    public OrganizationInput() {}

    public static OrganizationInput of(ScreenedResponse response) {
        OrganizationInput input = new OrganizationInput();
        input.response = response;
        return input;
    }

    public static OrganizationInput of(OrganizationFact fact) {
        OrganizationInput input = new OrganizationInput();
        input.fact = fact;
        return input;
    }

    /** The organization's id: the key of its figures. */
    public String organizationId() {
        return response != null ? response.organizationId : fact.organizationId;
    }
}
