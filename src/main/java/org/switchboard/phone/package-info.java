/**
 * The desktop client in the browser: employees invited as users, their client page (a SIP user
 * agent over WebSocket to the platform's SIP core, with their own desktop-client device), their
 * call history and colleagues' presence, and the pairing of their mobile devices.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Phone")
package org.switchboard.phone;
