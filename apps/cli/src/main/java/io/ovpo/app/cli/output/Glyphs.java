package io.ovpo.app.cli.output;

/**
 * The few non-letter characters tables and timelines draw with: Unicode on a UTF-8 terminal, ASCII
 * otherwise.
 *
 * @param ellipsis ends a cut cell
 * @param bar a span's extent on the timeline
 * @param open the extent of a span that has not ended
 */
public record Glyphs(String ellipsis, String bar, String open) {
  /** For UTF-8 terminals. */
  public static final Glyphs UNICODE = new Glyphs("…", "█", "░");

  /** For everything else. */
  public static final Glyphs ASCII = new Glyphs("~", "#", "-");

  /** UNICODE or ASCII. */
  public static Glyphs of(boolean unicode) {
    return unicode ? UNICODE : ASCII;
  }
}
