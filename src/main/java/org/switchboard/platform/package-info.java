/**
 * What every capability shares and nothing else: the clock, the problem types the API answers with,
 * the page layout and the database the platform runs on. Depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.switchboard.platform;
