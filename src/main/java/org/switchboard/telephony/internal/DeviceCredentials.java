package org.switchboard.telephony.internal;

import org.switchboard.telephony.internal.Digest.Algorithm;

/** The digest hashes a device's password is kept as. */
public final class DeviceCredentials {

    private DeviceCredentials() {
    }

    public static String ha1Md5(String user, String realm, String password) {
        return Digest.ha1(Algorithm.MD5, user, realm, password);
    }

    public static String ha1Sha256(String user, String realm, String password) {
        return Digest.ha1(Algorithm.SHA_256, user, realm, password);
    }
}
