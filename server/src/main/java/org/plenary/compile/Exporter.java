package org.plenary.compile;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a consolidated document in one format. */
public interface Exporter {
  void write(ConsolidatedDocument document, OutputStream out) throws IOException;
}
