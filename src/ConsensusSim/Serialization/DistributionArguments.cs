using System.Globalization;

namespace ConsensusSim.Serialization;

/// <summary>
/// What is wrong with a distribution's arguments, in words for a scenario file: the same conditions
/// <see cref="Model.Parameter"/>'s factories enforce, said in terms of the file's arguments.
/// </summary>
internal static class DistributionArguments
{
    /// <summary>The problem with the finite <paramref name="args"/> of distribution <paramref name="name"/>, or null if there is none.</summary>
    /// <param name="name"><c>uniform</c>, <c>beta</c> or <c>truncatedNormal</c>.</param>
    /// <param name="args">Its arguments, as many as it takes.</param>
    public static string? Problem(string name, IReadOnlyList<double> args) => name switch
    {
        "uniform" => Increasing(args[0], args[1], "[lower, upper]"),
        "beta" => Shape(args[0], "shape alpha (first)") ?? Shape(args[1], "shape beta (second)"),
        _ => Positive(args[1], "standard deviation (second)") ?? Increasing(args[2], args[3], "[mean, sd, lower, upper]"),
    };

    private static string? Increasing(double lower, double upper, string form) =>
        upper > lower ? null : $"the upper bound {Show(upper)} must be greater than the lower bound {Show(lower)} (the form is {form}).";

    private static string? Positive(double value, string what) =>
        value > 0 ? null : $"the {what} must be greater than 0; it is {Show(value)}.";

    private static string? Shape(double value, string what) =>
        Positive(value, what) ?? (value <= Model.Parameter.MaxBetaShape ? null
            : $"the {what} must be at most {Show(Model.Parameter.MaxBetaShape)}; it is {Show(value)} (a spike that narrow is a fixed value or a truncated normal).");

    private static string Show(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
