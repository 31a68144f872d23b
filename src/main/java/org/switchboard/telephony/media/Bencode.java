package org.switchboard.telephony.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencode, the encoding of rtpengine's "ng" control protocol: byte strings ({@code 4:spam}),
 * integers ({@code i42e}), lists ({@code l...e}) and dictionaries ({@code d...e}, keys sorted).
 * Strings are read and written as UTF-8; integers are {@code long}s.
 */
public final class Bencode {

    /** Input that is not bencode, or not what was expected. */
    public static final class BencodeException extends RuntimeException {
        BencodeException(String message) {
            super(message);
        }
    }

    private Bencode() {
    }

    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(value, out);
        return out.toByteArray();
    }

    private static void write(Object value, ByteArrayOutputStream out) {
        if (value instanceof String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
        } else if (value instanceof byte[] bytes) {
            out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            out.writeBytes(("i" + ((Number) value).longValue() + "e").getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof List<?> list) {
            out.write('l');
            list.forEach(v -> write(v, out));
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            out.write('d');
            // keys in the order of their raw bytes, as the format requires
            TreeMap<String, Object> sorted = new TreeMap<>((a, b) -> java.util.Arrays.compareUnsigned(
                    a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            map.forEach((k, v) -> {
                if (!(k instanceof String key)) {
                    throw new BencodeException("dictionary keys are strings, not " + k);
                }
                sorted.put(key, v);
            });
            sorted.forEach((k, v) -> {
                write(k, out);
                write(v, out);
            });
            out.write('e');
        } else {
            throw new BencodeException("cannot encode " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
    }

    /** The one value in {@code bytes}; nothing may follow it. */
    public static Object decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    public static Object decode(byte[] bytes, int offset, int length) {
        Reader r = new Reader(bytes, offset, offset + length);
        Object value = r.value(0);
        if (r.pos != r.end) {
            throw new BencodeException("trailing bytes after the value at " + (r.pos - offset));
        }
        return value;
    }

    /** A dictionary, or an exception saying what came instead. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> decodeDictionary(byte[] bytes, int offset, int length) {
        Object value = decode(bytes, offset, length);
        if (!(value instanceof Map)) {
            throw new BencodeException("a dictionary was expected");
        }
        return (Map<String, Object>) value;
    }

    private static final class Reader {
        private static final int MAX_DEPTH = 32;
        private final byte[] in;
        private final int end;
        private int pos;

        Reader(byte[] in, int start, int end) {
            this.in = in;
            this.pos = start;
            this.end = end;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new BencodeException("nested too deeply");
            }
            byte b = peek();
            switch (b) {
                case 'i' -> {
                    pos++;
                    long v = number('e');
                    return v;
                }
                case 'l' -> {
                    pos++;
                    List<Object> list = new ArrayList<>();
                    while (peek() != 'e') {
                        list.add(value(depth + 1));
                    }
                    pos++;
                    return list;
                }
                case 'd' -> {
                    pos++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    while (peek() != 'e') {
                        if (peek() < '0' || peek() > '9') {
                            throw new BencodeException("a dictionary key must be a string, at " + pos);
                        }
                        String key = string();
                        map.put(key, value(depth + 1));
                    }
                    pos++;
                    return map;
                }
                default -> {
                    if (b >= '0' && b <= '9') {
                        return string();
                    }
                    throw new BencodeException("unexpected '" + (char) b + "' at " + pos);
                }
            }
        }

        private String string() {
            long length = number(':');
            if (length < 0 || length > end - pos) {
                throw new BencodeException("a string of " + length + " bytes runs past the end");
            }
            String s = new String(in, pos, (int) length, StandardCharsets.UTF_8);
            pos += (int) length;
            return s;
        }

        private long number(char terminator) {
            int start = pos;
            boolean negative = false;
            if (peek() == '-') {
                negative = true;
                pos++;
            }
            long v = 0;
            int digits = 0;
            while (peek() != terminator) {
                byte d = in[pos];
                if (d < '0' || d > '9' || digits >= 18) {
                    throw new BencodeException("bad number at " + start);
                }
                v = v * 10 + (d - '0');
                digits++;
                pos++;
            }
            pos++;
            if (digits == 0) {
                throw new BencodeException("empty number at " + start);
            }
            return negative ? -v : v;
        }

        private byte peek() {
            if (pos >= end) {
                throw new BencodeException("the input ends too early");
            }
            return in[pos];
        }
    }
}
