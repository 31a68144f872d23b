package org.switchboard.billing.documents;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.transform.stream.StreamSource;

import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmDestination;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XPathCompiler;
import net.sf.saxon.s9api.XdmItem;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XsltTransformer;

/**
 * The official rules of the e-invoice: the CEN EN 16931 schematron for CII (1.3.15) and the KoSIT
 * XRechnung schematron for CII (3.0.2), as XSLT from their published artefacts, run with Saxon-HE.
 * A document passes when no assertion of level fatal or error fails.
 */
final class OfficialRules {

    private static final Processor SAXON = new Processor(false);
    private static final String EN16931_CII = "external/schematron/1.3.15/cii/EN16931-CII-validation.xslt";
    private static final String XRECHNUNG_CII = "external/schematron/3.0.2/XRechnung-CII-validation.xslt";
    private static XsltExecutable en16931;
    private static XsltExecutable xrechnung;

    /** A failed assertion: its rule id, level and text. */
    record Failure(String id, String flag, String text) {
        @Override
        public String toString() {
            return "[" + id + ", " + flag + "] " + text;
        }
    }

    private OfficialRules() {
    }

    /** The errors of the EN 16931 rules (for the ZUGFeRD XML embedded in the PDF). */
    static List<Failure> en16931Errors(byte[] xml) {
        return errors(en16931(), xml);
    }

    /** The errors of the EN 16931 and the XRechnung rules together (for the XRechnung XML). */
    static List<Failure> xrechnungErrors(byte[] xml) {
        List<Failure> all = new ArrayList<>(errors(en16931(), xml));
        all.addAll(errors(xrechnung(), xml));
        return all;
    }

    private static synchronized XsltExecutable en16931() {
        if (en16931 == null) {
            en16931 = compile(EN16931_CII);
        }
        return en16931;
    }

    private static synchronized XsltExecutable xrechnung() {
        if (xrechnung == null) {
            xrechnung = compile(XRECHNUNG_CII);
        }
        return xrechnung;
    }

    private static XsltExecutable compile(String resource) {
        try (InputStream in = OfficialRules.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The rules " + resource + " are not on the test class path");
            }
            return SAXON.newXsltCompiler().compile(new StreamSource(in, resource));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } catch (SaxonApiException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Failure> errors(XsltExecutable rules, byte[] xml) {
        try {
            XsltTransformer transformer = rules.load();
            transformer.setSource(new StreamSource(new ByteArrayInputStream(xml)));
            XdmDestination report = new XdmDestination();
            transformer.setDestination(report);
            transformer.transform();
            XdmNode svrl = report.getXdmNode();
            XPathCompiler xpath = SAXON.newXPathCompiler();
            xpath.declareNamespace("svrl", "http://purl.oclc.org/dsdl/svrl");
            List<Failure> failures = new ArrayList<>();
            for (XdmItem item : xpath.evaluate("//svrl:failed-assert[@flag = ('fatal', 'error')]"
                    + " | //svrl:successful-report[@flag = ('fatal', 'error')]", svrl)) {
                XdmNode node = (XdmNode) item;
                failures.add(new Failure(xpath.evaluateSingle("string(@id)", node).getStringValue(),
                        xpath.evaluateSingle("string(@flag)", node).getStringValue(),
                        xpath.evaluateSingle("normalize-space(svrl:text)", node).getStringValue()));
            }
            return failures;
        } catch (SaxonApiException e) {
            throw new IllegalStateException(e);
        }
    }
}
