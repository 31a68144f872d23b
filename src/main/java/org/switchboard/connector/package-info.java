/**
 * The one way a phone system talks to the platform, the embedded SIP core and an external PBX
 * alike: the vocabulary of the licence events it reports and the decisions it gets back, the call
 * records it hands in, and the emergency-number rule both sides of that conversation apply.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Connector")
package org.switchboard.connector;
