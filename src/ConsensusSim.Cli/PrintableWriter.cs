using System.Text;

namespace ConsensusSim.Cli;

/// <summary>
/// What the tool prints for people passes through here: control characters other than tab and line
/// breaks become U+FFFD. Names and codes come from scenario files and imported tables, and an escape
/// sequence in one (ESC ] 52 … writes the clipboard, ESC [ 2 J clears the screen) would otherwise be
/// acted on by the terminal that shows the result. Files written through <see cref="OutputPlan"/>
/// bypass it: their bytes are the user's data.
/// </summary>
internal sealed class PrintableWriter(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    /// <summary>The writer underneath.</summary>
    public TextWriter Inner { get; } = inner;

    /// <inheritdoc />
    public override Encoding Encoding => Inner.Encoding;

    /// <summary>Wraps <paramref name="writer"/> unless it is wrapped already.</summary>
    public static TextWriter Wrap(TextWriter writer) => writer is PrintableWriter ? writer : new PrintableWriter(writer);

    /// <summary>The writer underneath a wrapped one, or the writer itself.</summary>
    public static TextWriter Unwrap(TextWriter writer) => writer is PrintableWriter p ? p.Inner : writer;

    /// <summary>The text with every control character a terminal could act on replaced.</summary>
    public static string Clean(string text) =>
        text.Any(IsUnsafe) ? string.Create(text.Length, text, (span, s) =>
        {
            for (int i = 0; i < s.Length; i++)
            {
                span[i] = IsUnsafe(s[i]) ? '\uFFFD' : s[i];
            }
        }) : text;

    /// <inheritdoc />
    public override void Write(char value) => Inner.Write(IsUnsafe(value) ? '\uFFFD' : value);

    /// <inheritdoc />
    public override void Write(string? value) => Inner.Write(value is null ? null : Clean(value));

    /// <inheritdoc />
    public override void WriteLine(string? value) => Inner.WriteLine(value is null ? null : Clean(value));

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc />
    public override void Flush() => Inner.Flush();

    private static bool IsUnsafe(char c) => char.IsControl(c) && c is not ('\n' or '\r' or '\t');
}
