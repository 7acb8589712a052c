package org.plenary.word;

/** A file that is not a readable DOCX or breaks a limit; the message is for the user. */
public final class UnreadableWordFile extends RuntimeException {
  public UnreadableWordFile(String message) {
    super(message, null, false, false);
  }
}
