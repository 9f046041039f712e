package ru.noko.gateway.response;

/** What a respondent gets back once the response is stored: the id it is known by from now on. */
record ResponseReceipt(String responseId) {}
