package org.switchboard.testing;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.transform.Result;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.xml.sax.SAXException;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.SchemaOutputResolver;

/**
 * An ISO 20022 message's schema as the JAXB model of the SEPA library (pw-iso20022) describes it:
 * element order, cardinality and types, generated from the model classes of one
 * message ({@code MxPain00800108._classes}, {@code MxPain00100103._classes}). The generated schema
 * puts the Document element in the message's namespace and its content unqualified, so a file is
 * compared with its content taken out of the namespace. Code lists come out as plain text, and the
 * facets SEPA adds (lengths, patterns, decimals) are not in the model: tests check those with
 * {@link #all}.
 */
public final class IsoMessageSchema {

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private final String namespace;
    private final Schema schema;

    private IsoMessageSchema(String namespace, Schema schema) {
        this.namespace = namespace;
        this.schema = schema;
    }

    /** The schema of the message in {@code namespace}, generated once per test run from its model classes. */
    public static IsoMessageSchema of(String namespace, Class<?>... modelClasses) {
        return new IsoMessageSchema(namespace, SCHEMAS.computeIfAbsent(namespace, ns -> generate(ns, modelClasses)));
    }

    /** Throws a {@link SAXException} naming the first element that breaks the schema. */
    public void validate(String xml) throws SAXException, IOException {
        schema.newValidator().validate(withContentUnqualified(xml));
    }

    /** The text of every {@code tag} element in document order, whatever its prefix. */
    public static List<String> all(String xml, String tag) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("<(?:\\w+:)?" + tag + "(?: [^>]*)?>([^<]*)</(?:\\w+:)?" + tag + ">").matcher(xml);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    /** The root stays in the message's namespace (under a prefix); its content is left without one. */
    private Source withContentUnqualified(String xml) {
        String open = "<Document xmlns=\"" + namespace + "\"";
        if (!xml.contains(open) || !xml.contains("</Document>")) {
            throw new AssertionError("The file's root is not <Document xmlns=\"" + namespace + "\">");
        }
        String root = xml.replace(open, "<p:Document xmlns:p=\"" + namespace + "\"").replace("</Document>", "</p:Document>");
        return new StreamSource(new StringReader(root));
    }

    private static Schema generate(String namespace, Class<?>[] modelClasses) {
        try {
            Path dir = Files.createTempDirectory("iso20022-schema");
            List<File> files = new ArrayList<>();
            JAXBContext.newInstance(modelClasses).generateSchema(new SchemaOutputResolver() {
                @Override
                public Result createOutput(String namespaceUri, String suggestedFileName) {
                    File file = dir.resolve(suggestedFileName).toFile();
                    files.add(file);
                    return new StreamResult(file);
                }
            });
            File root = files.stream().filter(f -> read(f).contains("targetNamespace=\"" + namespace + "\""))
                    .findFirst().orElseThrow(() -> new AssertionError("The model has no schema for " + namespace));
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(root);
        } catch (Exception e) {
            throw new IllegalStateException("Could not generate the schema of " + namespace, e);
        }
    }

    private static String read(File f) {
        try {
            return Files.readString(f.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
