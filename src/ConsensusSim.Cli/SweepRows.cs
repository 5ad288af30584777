using System.Globalization;
using ConsensusSim.Reporting;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Cli;

/// <summary>
/// The files of a sweep. Each is opened as <c>FILE.partial</c> before any point is checked, so an output
/// that cannot be written is refused before work is done; rows are written as points complete; the files
/// get their names together when the sweep completes, or the CSV alone, with a last line saying so, when it
/// is interrupted. A sweep that fails or is refused leaves none of them.
/// </summary>
internal sealed class SweepRows : IDisposable
{
    private readonly SweepOutput _output;
    private readonly StreamWriter _writer;
    private readonly List<SweepPoint>? _curve;
    private bool _closed;

    private SweepRows(SweepOutput output, StreamWriter writer)
    {
        _output = output;
        _writer = writer;
        _curve = output.Chart is null ? null : [];
    }

    /// <summary>Opens every output and starts the CSV with its header.</summary>
    /// <param name="output">The files to write.</param>
    /// <param name="paths">The varied paths.</param>
    /// <returns>The writer.</returns>
    /// <exception cref="UserInputException">An output cannot be written; nothing is left behind.</exception>
    public static SweepRows Create(SweepOutput output, IReadOnlyList<string> paths)
    {
        var opened = new List<string>();
        try
        {
            foreach (string file in output.Files)
            {
                string full = Path.GetFullPath(file);
                if (Directory.Exists(full))
                {
                    throw new UserInputException($"{file}: is a folder; give a file to write.");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.Create(Temp(file)).Dispose();
                opened.Add(file);
            }

            var rows = new SweepRows(output, new StreamWriter(Temp(output.Csv)));
            rows._writer.WriteLine(Csv.Row(["point", .. paths, "outcome", "probability", "standard_error", "ci95_lower", "ci95_upper", "trials", "seed"]));
            return rows;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or UserInputException)
        {
            opened.ForEach(f => File.Delete(Temp(f)));
            throw ex as UserInputException ?? new UserInputException($"{output.Files.First(f => !opened.Contains(f))}: cannot be written: {ex.Message}");
        }
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

    /// <summary>Draws the chart, if asked for, and gives every file its name: every point was written.</summary>
    /// <param name="xLabel">The chart's x axis: the first varied path.</param>
    /// <param name="title">The chart's title.</param>
    public void Complete(string xLabel, string title)
    {
        if (_output.Chart is { } chart)
        {
            var plot = SweepChart.Create(_curve!, xLabel, title);
            File.WriteAllBytes(Temp(chart + ".png"), plot.GetImageBytes(ResultCharts.Width, ResultCharts.Height, ScottPlot.ImageFormat.Png));
            File.WriteAllText(Temp(chart + ".svg"), plot.GetSvgXml(ResultCharts.Width, ResultCharts.Height));
        }

        _writer.Dispose();
        foreach (string file in _output.Files)
        {
            File.Move(Temp(file), file, overwrite: true);
        }

        _closed = true;
    }

    /// <summary>Gives the CSV its name with a last line that says it is incomplete; a chart of some points is not drawn.</summary>
    /// <param name="marker">The line.</param>
    public void Interrupted(string marker)
    {
        _writer.WriteLine(marker);
        _writer.Dispose();
        File.Move(Temp(_output.Csv), _output.Csv, overwrite: true);
        DeleteTemps();
        _closed = true;
    }

    /// <summary>Removes the unfinished files unless they were given their names.</summary>
    public void Dispose()
    {
        if (!_closed)
        {
            _writer.Dispose();
            DeleteTemps();
            _closed = true;
        }
    }

    private static string Temp(string file) => Path.GetFullPath(file) + ".partial";

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private void DeleteTemps()
    {
        foreach (string file in _output.Files)
        {
            File.Delete(Temp(file));
        }
    }
}
