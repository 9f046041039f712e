package ru.noko.methodology.checklist;

/** What an item of a self-assessment marked present must come with. */
public enum Evidence {
    /** At least one photo: the photo report letter 001 asks for stands and for 3.1. */
    PHOTO,
    /** The address of the page of the organization's official site where it is. */
    LINK,
    /** A comment saying how the condition is met. */
    COMMENT,
    NONE
}
