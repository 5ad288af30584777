using System.Globalization;
using System.Text;
using ConsensusSim.Reporting;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Cli;

/// <summary>
/// The files of a sweep, written as <see cref="AtomicFile"/> writes every output. A CSV file (or the final
/// target of a link) gets a temporary <c>NAME.partial-…</c> beside it before any point is checked, so an
/// output that cannot be written is refused before work is done; rows go into it as points complete, and
/// it is flushed to disk and renamed onto the target, with the chart's files, when the sweep completes, or
/// alone, with a last line saying so, when it is interrupted. Rows for standard output, a FIFO or a device
/// are held until every design point was checked (<see cref="Release"/>), then streamed. A sweep that
/// fails or is refused leaves no file behind.
/// </summary>
internal sealed class SweepRows : IDisposable
{
    /// <summary>The columns after the point number and the varied paths: the estimate, then the sweep's identity.</summary>
    public static readonly string[] ResultColumns = ["outcome", "probability", "standard_error", "ci95_lower", "ci95_upper", "trials", "seed", "sweep", "design_points"];

    /// <summary>
    /// The columns after those: the point's other estimates, the same on each of its rows (NA where nothing was
    /// adopted), and its most frequent blockers as <c>STATE:frequency</c> separated by semicolons.
    /// </summary>
    public static readonly string[] PointColumns = ["mean_rounds_to_adoption", "mean_ambition_when_adopted", "mean_statements_when_adopted", "mean_objectors", "top_blockers"];

    /// <summary>
    /// The last columns: what the point ran, for a reader of the CSV alone (seed and trials are among the result columns).
    /// The scenario's hash is the point's own, varied values included, as in the point's result file.
    /// </summary>
    public static readonly string[] ProvenanceColumns = ["scenario", "scenario_sha256", "consensussim_version"];

    /// <summary>How many blockers the top_blockers column names at most.</summary>
    public const int TopBlockers = 3;

    /// <summary>
    /// The most often a file's rows are flushed, in milliseconds: often enough to watch a long sweep, rarely enough that a
    /// sweep of many small points does not spend its time in writes (a flush per point cost 2 % of a sweep of 10⁴ points).
    /// </summary>
    private const long FlushEveryMilliseconds = 250;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly SweepOutput _output;
    private readonly TextWriter _stdout;
    private readonly string _sweep;
    private readonly string _designPoints;
    private readonly List<SweepPoint>? _curve;
    private readonly FileStream? _file;
    private readonly string? _temp;
    private TextWriter _writer;
    private StringWriter? _held;
    private bool _closed;
    private readonly Func<long> _clock;
    private long _flushedAt;

    private SweepRows(SweepOutput output, TextWriter stdout, string sweep, int designPoints, FileStream? file, string? temp, Func<long> clock)
    {
        _clock = clock;
        _flushedAt = clock();
        _output = output;
        _stdout = PrintableWriter.Unwrap(stdout);
        _sweep = sweep;
        _designPoints = designPoints.ToString(CultureInfo.InvariantCulture);
        _curve = output.Chart is null ? null : [];
        _file = file;
        _temp = temp;
        _held = file is null ? new StringWriter(CultureInfo.InvariantCulture) : null;
        _writer = file is null ? _held! : new StreamWriter(file, Utf8);
    }

    /// <summary>Opens the CSV and starts it with its header.</summary>
    /// <param name="output">The checked outputs.</param>
    /// <param name="stdout">Standard output, for <c>-</c>.</param>
    /// <param name="paths">The varied paths.</param>
    /// <param name="sweep">The sweep's identity (<see cref="SweepIdentity"/>), repeated on every row.</param>
    /// <param name="designPoints">The number of design points of the whole sweep, repeated on every row.</param>
    /// <param name="clock">Milliseconds from a fixed origin, for the flushes (<see cref="Environment.TickCount64"/> unless a test sets it).</param>
    /// <returns>The writer.</returns>
    /// <exception cref="UserInputException">The CSV cannot be written; nothing is left behind.</exception>
    public static SweepRows Create(SweepOutput output, TextWriter stdout, IReadOnlyList<string> paths, string sweep, int designPoints, Func<long>? clock = null)
    {
        FileStream? file = null;
        string? temp = null;
        if (output.Csv.Mode == AtomicFile.Mode.Replace)
        {
            try
            {
                file = AtomicFile.CreateTemp(output.Csv.Target, "partial", out temp);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"{output.Csv.Option} {output.Csv.Path}: cannot be written ({ex.Message.TrimEnd('.')}).");
            }
        }

        var rows = new SweepRows(output, stdout, sweep, designPoints, file, temp, clock ?? (() => Environment.TickCount64));
        rows._writer.WriteLine(Csv.Row(["point", .. paths, .. ResultColumns, .. PointColumns, .. ProvenanceColumns]));
        return rows;
    }

    /// <summary>Writes a point's rows, one per outcome; in a file they are flushed every quarter of a second, so a long sweep can be watched.</summary>
    /// <param name="row">The point and its complete result.</param>
    public void Write(SweepRow row)
    {
        var (index, point, result) = (row.Index, row.Assignments, row.Result);

        // A point's rows differ only in the estimate's columns: the columns before and after them are joined once.
        string before = Csv.Row([(index + 1).ToString(CultureInfo.InvariantCulture), .. point.Select(a => a.Value)]);
        string after = Csv.Row([
            result.Provenance.Seed.ToString(CultureInfo.InvariantCulture),
            _sweep,
            _designPoints,
            .. PointEstimates(row),
            result.Provenance.ScenarioName,
            result.Provenance.ScenarioSha256,
            result.Provenance.Version,
        ]);
        void Row(string name, double probability, double standardError, double lower, double upper, long trials) => _writer.WriteLine(string.Join(',',
            before,
            Csv.Row([name, F(probability), F(standardError), F(lower), F(upper), trials.ToString(CultureInfo.InvariantCulture)]),
            after));

        foreach (var (name, e) in ResultCsv.NamedOutcomes(result))
        {
            Row(name, e.Probability, e.StandardError, e.Ci95Lower, e.Ci95Upper, e.Trials);
        }

        if (result.ConditionalAdopted is { } c)
        {
            Row("adopted_conditional", c.Probability, c.StandardError, c.Ci95Lower, c.Ci95Upper, c.Trials);
        }

        if (_held is null && _clock() - _flushedAt >= FlushEveryMilliseconds)
        {
            _writer.Flush();
            _flushedAt = _clock();
        }

        // A conditional-only point counted nothing: its curve is the conditional estimate's.
        var (p, lower, upper) = !result.OutcomesCounted && result.ConditionalAdopted is { } only
            ? (only.Probability, only.Ci95Lower, only.Ci95Upper)
            : (result.Adopted.Probability, result.Adopted.Ci95Lower, result.Adopted.Ci95Upper);
        _curve?.Add(new SweepPoint(
            double.TryParse(point[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? x : index + 1,
            point.Count > 1 ? point[1].Value : string.Empty,
            p,
            lower,
            upper));
    }

    /// <summary>Every design point was checked: rows held for standard output, a FIFO or a device go out, and later rows follow as they come.</summary>
    public void Release()
    {
        if (_held is null)
        {
            return;
        }

        var sink = _output.Csv.Mode == AtomicFile.Mode.StandardOutput
            ? _stdout
            : new StreamWriter(new FileStream(_output.Csv.Target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1), Utf8);
        sink.Write(_held.ToString());
        sink.Flush();
        (_writer, _held) = (sink, null);
    }

    /// <summary>Draws the chart, if asked for, and gives every file its name: every point was written.</summary>
    /// <param name="xLabel">The chart's x axis: the first varied path.</param>
    /// <param name="title">The chart's title.</param>
    /// <param name="legendTitle">The title over the chart's legend: the second varied path, if any.</param>
    public void Complete(string xLabel, string title, string? legendTitle = null)
    {
        Release();
        var staged = new List<(string Temp, string Target)>();
        try
        {
            var charts = new List<(Output Output, byte[] Bytes)>();
            if (_output.Chart is not null)
            {
                var chart = RenderedChart.Draw("sweep", SweepChart.Create(_curve!, xLabel, title, legendTitle), ResultCharts.Width, ResultCharts.Height);
                charts.Add((_output.Png!, chart.Png.ToArray()));
                charts.Add((_output.Svg!, Utf8.GetBytes(chart.Svg)));
            }

            foreach (var (output, bytes) in charts.Where(c => c.Output.Mode == AtomicFile.Mode.Replace))
            {
                staged.Add((AtomicFile.WriteTemp(output.Target, bytes), output.Target));
            }

            if (_file is not null)
            {
                _writer.Flush();
                AtomicFile.Seal(_file, _temp!, _output.Csv.Target);
                staged.Add((_temp!, _output.Csv.Target));
            }

            // Every file is complete on disk before any gets its name.
            foreach (var (temp, target) in staged)
            {
                File.Move(temp, target, overwrite: true);
            }

            foreach (var (output, bytes) in charts.Where(c => c.Output.Mode == AtomicFile.Mode.Direct))
            {
                AtomicFile.WriteDirect(output.Target, bytes);
            }

            Close();
        }
        finally
        {
            staged.ForEach(s => AtomicFile.Delete(s.Temp));
            _closed = true;
        }
    }

    /// <summary>Gives the CSV its name with a last line that says it is incomplete; a chart of some points is not drawn.</summary>
    /// <param name="marker">The line.</param>
    public void Interrupted(string marker)
    {
        Release();
        _writer.WriteLine(marker);
        try
        {
            if (_file is not null)
            {
                _writer.Flush();
                AtomicFile.Seal(_file, _temp!, _output.Csv.Target);
                File.Move(_temp!, _output.Csv.Target, overwrite: true);
            }

            Close();
        }
        finally
        {
            if (_temp is not null)
            {
                AtomicFile.Delete(_temp);
            }

            _closed = true;
        }
    }

    /// <summary>Removes the unfinished file unless it was given its name; held rows are dropped.</summary>
    public void Dispose()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        if (_file is not null)
        {
            _file.Dispose();
            AtomicFile.Delete(_temp!);
        }
        else
        {
            Close();
        }
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string NA(double x) => double.IsFinite(x) ? F(x) : "NA";

    /// <summary>The values of <see cref="PointColumns"/> for a point.</summary>
    private static string[] PointEstimates(SweepRow row)
    {
        var r = row.Result;
        string blockers = string.Join(';', row.TopBlockers(TopBlockers).Select(b => $"{b.State}:{F(b.Frequency)}"));
        return [NA(r.MeanRoundsToAdoption), NA(r.MeanAmbitionWhenAdopted), NA(r.MeanStatementsWhenAdopted), NA(row.MeanObjectors), blockers];
    }

    /// <summary>Flushes a stream the rows went to, and closes it unless it is standard output.</summary>
    private void Close()
    {
        if (_file is null && _held is null)
        {
            _writer.Flush();
            if (!ReferenceEquals(_writer, _stdout))
            {
                _writer.Dispose();
            }
        }
    }
}
