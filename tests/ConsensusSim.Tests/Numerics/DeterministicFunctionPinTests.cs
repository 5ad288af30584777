using System.Runtime.Intrinsics;
using ConsensusSim.Analysis;
using ConsensusSim.Numerics;

namespace ConsensusSim.Tests.Numerics;

/// <summary>
/// "Same seed, same bits on any machine" rests on the library's own logarithm, exponential, Φ, Φ⁻¹, Mills' ratio, ln Γ,
/// ln B, Beta and truncated-normal quantiles, the single-precision normal kernel and the ziggurat's tables giving the same
/// bits on Linux, Windows and macOS, on every instruction set. Their outputs at some thousands of arguments are stored,
/// as bits, in <c>DeterministicFunctions.pins</c> beside this file, and compared exactly. Regenerate the file (only with a
/// new version, as a change of pinned tallies would need) with <c>CONSENSUSSIM_UPDATE_PINS=1 dotnet test --filter
/// FullyQualifiedName~DeterministicFunctionPinTests</c>.
/// </summary>
public sealed class DeterministicFunctionPinTests
{
    private const string UpdateVariable = "CONSENSUSSIM_UPDATE_PINS";
    private const string FileName = "DeterministicFunctions.pins";

    private static readonly Lazy<IReadOnlyList<Pin>> Pins = new(Load);

    [Fact]
    public void The_library_s_own_functions_give_the_stored_bits_at_every_pinned_argument()
    {
        var wrong = Pins.Value
            .Select(p => (Pin: p, Actual: PinnedFunctions.Evaluate(p.Function, p.Arguments)))
            .Where(c => c.Actual != c.Pin.Result)
            .Select(c => $"{c.Pin.Function}({string.Join(", ", c.Pin.Arguments.Select(Readable))}): stored {c.Pin.Result}, computed {c.Actual}")
            .ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {Pins.Value.Count} pinned values differ:\n{string.Join('\n', wrong.Take(25))}");
    }

    [Fact]
    public void Every_pinned_function_is_pinned_at_hundreds_of_arguments_or_its_whole_table()
    {
        var counts = Pins.Value.GroupBy(p => p.Function).ToDictionary(g => g.Key, g => g.Count());
        foreach (string function in PinnedFunctions.Names)
        {
            int expected = function switch { "ZigguratX" => 257, "ZigguratRatio" => 256, _ => 200 };
            Assert.True(counts.GetValueOrDefault(function) >= expected, $"{function}: {counts.GetValueOrDefault(function)} pins, expected at least {expected}");
        }

        Assert.Equal(PinnedFunctions.Names.Order(StringComparer.Ordinal), counts.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_eight_lane_Cdf_and_exponential_give_the_stored_scalar_bits_in_every_lane()
    {
        foreach (var (function, lanes) in new (string, Func<Vector512<double>, Vector512<double>>)[] { ("Cdf", StandardNormal.Cdf), ("NormalExp", StandardNormal.Exp) })
        {
            // NaN lanes are documented to differ from the scalar form; every other pinned argument is checked in some lane.
            var pins = Pins.Value.Where(p => p.Function == function && p.Result != "NaN").ToList();
            for (int start = 0; start < pins.Count; start += 8)
            {
                var chunk = Enumerable.Range(start, 8).Select(i => pins[Math.Min(i, pins.Count - 1)]).ToArray();
                var result = lanes(Vector512.Create(chunk.Select(p => PinnedFunctions.Double(p.Arguments[0])).ToArray()));
                for (int lane = 0; lane < 8; lane++)
                {
                    Assert.True(PinnedFunctions.Bits(result[lane]) == chunk[lane].Result, $"{function} lane {lane} at {Readable(chunk[lane].Arguments[0])}");
                }
            }
        }
    }

    private static string Readable(string hex) =>
        hex.Length == 16 ? PinnedFunctions.Double(hex).ToString("R", System.Globalization.CultureInfo.InvariantCulture)
        : hex.Length == 8 && !hex.All(char.IsDigit) ? PinnedFunctions.Single(hex).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f"
        : hex;

    private static IReadOnlyList<Pin> Load()
    {
        string path = Path.Combine(SourceFolder(), FileName);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllLines(path, [
                "# Bits of the library's own deterministic functions: <function> <argument bits>... = <result bits>.",
                "# Written by DeterministicFunctionPinTests with " + UpdateVariable + "=1; compared exactly otherwise.",
                .. PinArguments.All().Select(c => $"{c.Function} {string.Join(' ', c.Arguments)} = {PinnedFunctions.Evaluate(c.Function, c.Arguments)}"),
            ]);
        }

        Assert.True(File.Exists(path), $"{path} is missing: set {UpdateVariable}=1 to write it.");
        return [.. File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#').Select(Pin.Parse)];
    }

    /// <summary>The test project's Numerics folder in the repository, found upwards from the test binaries.</summary>
    private static string SourceFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ConsensusSim.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return Path.Combine(dir.FullName, "tests", "ConsensusSim.Tests", "Numerics");
    }

    private sealed record Pin(string Function, string[] Arguments, string Result)
    {
        public static Pin Parse(string line)
        {
            string[] sides = line.Split(" = ");
            string[] call = sides[0].Split(' ');
            return new Pin(call[0], call[1..], sides[1]);
        }
    }
}
