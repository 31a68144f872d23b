package org.switchboard.licensing;

/** What a function extension is; it has no desktop or mobile client. */
public enum FunctionType {
    FAX("Fax"), DOOR_INTERCOM("Door intercom"), CONFERENCE_ROOM("Conference room"), LIFT("Lift"),
    HOTEL_ROOM("Hotel room"), OTHER("Other");

    private final String label;

    FunctionType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
