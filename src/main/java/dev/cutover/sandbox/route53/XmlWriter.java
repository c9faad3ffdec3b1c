package dev.cutover.sandbox.route53;

/** A tiny XML writer for response bodies: elements in the order they are written, text escaped. */
final class XmlWriter {
  private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  XmlWriter root(String name, String namespace) {
    out.append('<').append(name).append(" xmlns=\"").append(namespace).append("\">");
    return this;
  }

  XmlWriter open(String name) {
    out.append('<').append(name).append('>');
    return this;
  }

  XmlWriter close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  /** Writes {@code <name>value</name>}; nothing when {@code value} is null. */
  XmlWriter leaf(String name, Object value) {
    if (value != null) {
      open(name);
      escape(String.valueOf(value));
      close(name);
    }
    return this;
  }

  private void escape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
