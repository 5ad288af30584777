namespace ConsensusSim.Model;

/// <summary>What a scenario field holds, in terms the reader, the validator and the JSON Schema share.</summary>
internal abstract record FieldShape;

/// <summary>A string; <paramref name="NotEmpty"/> when an empty one means nothing.</summary>
internal sealed record TextShape(bool NotEmpty = false) : FieldShape;

/// <summary>true or false.</summary>
internal sealed record FlagShape : FieldShape;

/// <summary>
/// A number in a range. <paramref name="What"/> names it in the validator's messages ("a probability");
/// bounds are decimals so that whole-number limits such as 2⁶⁴ − 1 are exact.
/// </summary>
internal sealed record NumberShape(string What, decimal? Minimum = null, decimal? Maximum = null, bool ExclusiveMinimum = false, bool Whole = false) : FieldShape
{
    /// <summary>The least value allowed, as the validator compares it (an exclusive 0 is the least positive double).</summary>
    public double Low => Minimum is { } m ? (ExclusiveMinimum ? Math.BitIncrement((double)m) : (double)m) : double.NegativeInfinity;

    /// <summary>The greatest value allowed.</summary>
    public double High => Maximum is { } m ? (double)m : double.PositiveInfinity;
}

/// <summary>One of a list of names: strings, or enumeration values written in their kebab-case file names.</summary>
internal sealed record ChoiceShape(Func<IEnumerable<object>> Values) : FieldShape;

/// <summary>Exactly this string.</summary>
internal sealed record ConstShape(string Value) : FieldShape;

/// <summary>A shared definition (<c>#/$defs/…</c>); a parameter definition may carry the range its values must lie in.</summary>
internal sealed record RefShape(string Definition, NumberShape? Range = null) : FieldShape;

/// <summary>An array of items of one shape.</summary>
internal sealed record ListShape(FieldShape Items, int? MinItems = null, int? MaxItems = null, bool Unique = false) : FieldShape;

/// <summary>An object whose properties are the fields declared in <paramref name="Container"/>; <paramref name="ExactlyOneOf"/> names properties of which exactly one must be given.</summary>
internal sealed record ObjectShape(string Container, IReadOnlyList<string>? ExactlyOneOf = null) : FieldShape;

/// <summary>An object keyed by identifiers, each key's value of one shape.</summary>
internal sealed record MapShape(FieldShape Keys, FieldShape Values) : FieldShape;

/// <summary>Any of several shapes: exactly one (<c>oneOf</c>) or at least one (<c>anyOf</c>, when <paramref name="Any"/>).</summary>
internal sealed record OneOfShape(IReadOnlyList<FieldShape> Choices, bool Any = false) : FieldShape;

/// <summary>A number, or an object naming exactly one of the distributions declared in <paramref name="Container"/>.</summary>
internal sealed record ParameterShape(string Container) : FieldShape;
