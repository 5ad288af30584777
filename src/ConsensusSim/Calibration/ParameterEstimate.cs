using System.Globalization;

namespace ConsensusSim.Calibration;

/// <summary>
/// A fitted parameter: the value the optimiser settled on, its 95 % profile-likelihood interval and what the record
/// leaves open about it (<see cref="Flags"/>). A flagged parameter is not identified as a point: report its interval
/// and flags (<see cref="Describe"/>), not <see cref="Estimate"/>.
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class ParameterEstimate
{
    internal ParameterEstimate(CalibrationParameter parameter, double estimate, double lower, double upper, Identifiability flags, int cells)
    {
        Parameter = parameter;
        Estimate = estimate;
        Lower = lower;
        Upper = upper;
        Flags = flags;
        Cells = cells;
    }

    /// <summary>The parameter.</summary>
    public CalibrationParameter Parameter { get; }

    /// <summary>Its name.</summary>
    public string Name => Parameter.Name;

    /// <summary>
    /// The value that minimises the penalised deviance (where the optimiser stopped, on a flat or one-sided profile);
    /// the prior's mean, or NaN, for a parameter without data (<see cref="Identifiability.NoData"/>).
    /// </summary>
    public double Estimate { get; }

    /// <summary>The lower end of the 95 % profile-likelihood interval (the lower bound if the profile never rises by 3.841 below the estimate).</summary>
    public double Lower { get; }

    /// <summary>The upper end of the 95 % profile-likelihood interval.</summary>
    public double Upper { get; }

    /// <summary>What the record leaves open; <see cref="Identifiability.None"/> for an identified parameter.</summary>
    public Identifiability Flags { get; }

    /// <summary>Whether the parameter is identified: no flag.</summary>
    public bool IsIdentified => Flags == Identifiability.None;

    /// <summary>The fitted cells it applies to, directly or through the parameters it shares cells with.</summary>
    public int Cells { get; }

    /// <summary>
    /// The parameter as it should be reported: <c>0.42 (95 % 0.31–0.55)</c> when identified, otherwise its flags and
    /// interval without a point, such as <c>not identified: 0–1</c> or <c>one-sided, on a bound: 0–0.23</c>.
    /// </summary>
    /// <returns>The text, in English, numbers to three significant digits.</returns>
    public string Describe()
    {
        string interval = $"{N(Lower)}–{N(Upper)}";
        if (Flags == Identifiability.None)
        {
            return $"{N(Estimate)} (95 % {interval})";
        }

        if (Flags.HasFlag(Identifiability.NoData))
        {
            return double.IsNaN(Estimate) ? "no data: applies to no fitted cell" : $"no data: applies to no fitted cell; its prior's mean {N(Estimate)} is used";
        }

        if (Flags.HasFlag(Identifiability.Flat))
        {
            return $"not identified: {interval}";
        }

        var words = new List<string>();
        if (Flags.HasFlag(Identifiability.OneSided))
        {
            words.Add("one-sided");
        }

        if (Flags.HasFlag(Identifiability.OnBound))
        {
            words.Add("on a bound");
        }

        return $"{string.Join(", ", words)}: {interval}";
    }

    /// <summary>The flags as words for tables: <c>identified</c>, or the flags joined by <c>+</c> (<c>OnBound+OneSided</c>).</summary>
    /// <returns>The text.</returns>
    public string FlagText() => Flags == Identifiability.None ? "identified" : Flags.ToString().Replace(", ", "+", StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Describe()}";

    private static string N(double x) => x.ToString("G3", CultureInfo.InvariantCulture);
}
