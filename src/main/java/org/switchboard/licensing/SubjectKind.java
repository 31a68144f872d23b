package org.switchboard.licensing;

/** Who may hold a licence: a person with desktop, mobile and desk phone, or a function extension. */
public enum SubjectKind {
    EMPLOYEE, FUNCTION
}
