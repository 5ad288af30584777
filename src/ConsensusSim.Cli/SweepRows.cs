using System.Globalization;
using ConsensusSim.Reporting;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Cli;

/// <summary>
/// The CSV of a sweep, written row by row as points complete into <c>OUT.partial</c>, and renamed to
/// <c>OUT</c> when the sweep completes or is interrupted (then with a last line saying so). A sweep that
/// fails leaves neither file.
/// </summary>
internal sealed class SweepRows : IDisposable
{
    private readonly string _output;
    private readonly string _temp;
    private readonly StreamWriter _writer;
    private readonly List<SweepPoint>? _curve;
    private bool _closed;

    private SweepRows(string output, string temp, StreamWriter writer, bool keepCurve)
    {
        _output = output;
        _temp = temp;
        _writer = writer;
        _curve = keepCurve ? [] : null;
    }

    /// <summary>P(adopted) at every point written, when kept for a chart.</summary>
    public IReadOnlyList<SweepPoint> Curve => _curve ?? [];

    /// <summary>Starts the file with its header.</summary>
    /// <param name="output">The CSV to write.</param>
    /// <param name="paths">The varied paths.</param>
    /// <param name="keepCurve">Whether to keep P(adopted) per point for a chart.</param>
    /// <returns>The writer.</returns>
    public static SweepRows Create(string output, IReadOnlyList<string> paths, bool keepCurve)
    {
        string full = Path.GetFullPath(output);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".partial";
        var rows = new SweepRows(output, temp, new StreamWriter(temp), keepCurve);
        rows._writer.WriteLine(Csv.Row(["point", .. paths, "outcome", "probability", "standard_error", "ci95_lower", "ci95_upper", "trials", "seed"]));
        return rows;
    }

    /// <summary>Writes a point's rows, one per outcome, and flushes them so a long sweep can be watched.</summary>
    /// <param name="index">The point (0-based).</param>
    /// <param name="point">Its assignments.</param>
    /// <param name="result">Its complete result.</param>
    public void Write(int index, IReadOnlyList<KeyValuePair<string, string>> point, SimulationResult result)
    {
        void Row(string name, double probability, double standardError, double lower, double upper, long trials) => _writer.WriteLine(Csv.Row([
            (index + 1).ToString(CultureInfo.InvariantCulture),
            .. point.Select(a => a.Value),
            name,
            F(probability),
            F(standardError),
            F(lower),
            F(upper),
            trials.ToString(CultureInfo.InvariantCulture),
            result.Provenance.Seed.ToString(CultureInfo.InvariantCulture),
        ]));

        foreach (var (name, e) in ResultCsv.NamedOutcomes(result))
        {
            Row(name, e.Probability, e.StandardError, e.Ci95Lower, e.Ci95Upper, e.Trials);
        }

        if (result.ConditionalAdopted is { } c)
        {
            Row("adopted_conditional", c.Probability, c.StandardError, c.Ci95Lower, c.Ci95Upper, c.Trials);
        }

        _writer.Flush();
        _curve?.Add(new SweepPoint(
            double.TryParse(point[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? x : index + 1,
            point.Count > 1 ? point[1].Value : string.Empty,
            result.Adopted.Probability,
            result.Adopted.Ci95Lower,
            result.Adopted.Ci95Upper));
    }

    /// <summary>Gives the file its name: every point was written.</summary>
    public void Complete() => Close(null);

    /// <summary>Gives the file its name with a last line that says it is incomplete.</summary>
    /// <param name="marker">The line.</param>
    public void Interrupted(string marker) => Close(marker);

    /// <summary>Removes the unfinished file unless it was given its name.</summary>
    public void Dispose()
    {
        if (!_closed)
        {
            _writer.Dispose();
            File.Delete(_temp);
            _closed = true;
        }
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private void Close(string? marker)
    {
        if (marker is not null)
        {
            _writer.WriteLine(marker);
        }

        _writer.Dispose();
        File.Move(_temp, _output, overwrite: true);
        _closed = true;
    }
}
