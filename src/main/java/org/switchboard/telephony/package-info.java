/**
 * The phone system itself: a SIP core in the platform's JVM. Devices of employees and function
 * extensions with their SIP credentials, the registrar, calls between extensions and through the
 * platform's carrier trunk, each call admitted by the licence at set-up and ended as a call record.
 * Reports licence events and call records through the connector port only; the SIP message layer
 * stays in {@code telephony.sip}, behind {@link org.switchboard.telephony.sip.SipTransport}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Telephony")
package org.switchboard.telephony;
