package org.switchboard.platform;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files that only the account running the platform may read: the data folder, the
 * database's password, the key of stored bank details. On a file system without POSIX
 * permissions the folder's own protection applies.
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** Creates the folder (and its parents) if missing and takes every permission of others away. */
    public static Path folder(Path folder) throws IOException {
        Files.createDirectories(folder);
        restrict(folder, FOLDER);
        return folder;
    }

    /** Writes a new file readable by the owner alone from its first byte; refuses to overwrite one. */
    public static void create(Path file, String content) throws IOException {
        folder(file.toAbsolutePath().getParent());
        FileAttribute<?>[] attributes = posix(file) ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE) }
                : new FileAttribute<?>[0];
        try {
            Files.createFile(file, attributes);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Refusing to overwrite " + file.toAbsolutePath(), e);
        }
        Files.writeString(file, content);
    }

    /** Reads a file, first making it the owner's alone (it may come from an earlier release or a restore). */
    public static String read(Path file) throws IOException {
        restrict(file, FILE);
        return Files.readString(file).trim();
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix(path) && !Files.getPosixFilePermissions(path).equals(permissions)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean posix(Path path) {
        Path existing = Files.exists(path) ? path : path.toAbsolutePath().getParent();
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
