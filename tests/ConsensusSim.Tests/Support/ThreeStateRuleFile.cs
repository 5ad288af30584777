namespace ConsensusSim.Tests.Support;

/// <summary>
/// The text of a scenario file of three States (AUT, BEL, RUS) under the fixed-objection model with a rule given as JSON
/// on line 4, for tests that read a rule back from a file.
/// </summary>
internal static class ThreeStateRuleFile
{
    /// <summary>The file's text; each State objects with <paramref name="objection"/>.</summary>
    public static string With(string rule, double objection = 0.1) =>
        "{\n"
        + "  \"name\": \"three\",\n"
        + "  \"states\": [\"AUT\", \"BEL\", \"RUS\"],\n"
        + $"  \"rule\": {rule},\n"
        + "  \"proposal\": { \"statusQuo\": [0, 0, 0], \"draft\": [1, 1, 1] },\n"
        + "  \"behaviour\": { \"model\": \"fixed-objection\" },\n"
        + $"  \"defaults\": {{ \"objectionProbability\": {objection.ToString(System.Globalization.CultureInfo.InvariantCulture)} }}\n"
        + "}\n";
}
