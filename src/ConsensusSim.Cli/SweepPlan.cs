using System.Globalization;
using System.Runtime.ExceptionServices;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Cli;

/// <summary>
/// A sweep ready to run or to hand to a cluster: its scenario file read as <c>run</c> reads it, its design,
/// and every design point checked before a trial runs or a script is written. A problem in a varied
/// scenario is reported at the line of the original file, with the --vary option or design-file line
/// that gave the value.
/// </summary>
internal sealed class SweepPlan
{
    private SweepPlan(string scenarioPath, byte[] scenarioBytes, ScenarioTemplate template, SweepDesign design)
    {
        ScenarioPath = scenarioPath;
        ScenarioBytes = scenarioBytes;
        Template = template;
        Design = design;
    }

    /// <summary>The scenario file as given.</summary>
    public string ScenarioPath { get; }

    /// <summary>The scenario file's content as read and checked, to copy exactly (slurm).</summary>
    public byte[] ScenarioBytes { get; }

    /// <summary>The scenario to vary.</summary>
    public ScenarioTemplate Template { get; }

    /// <summary>The design points.</summary>
    public SweepDesign Design { get; }

    /// <summary>Reads the scenario file and pairs it with the design; the design points are not checked yet (<see cref="CheckEveryPoint"/>).</summary>
    /// <param name="scenarioPath">The scenario file.</param>
    /// <param name="design">The design.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="UserInputException">The file cannot be read as <c>run</c> reads it.</exception>
    /// <exception cref="ScenarioValidationException">The file is not a valid scenario.</exception>
    public static SweepPlan Load(string scenarioPath, SweepDesign design)
    {
        byte[] bytes = ReadScenario(scenarioPath).Bytes;
        return new SweepPlan(scenarioPath, bytes, ScenarioTemplate.Parse(bytes, scenarioPath), design);
    }

    /// <summary>
    /// A scenario file's content, for commands that vary or copy its text: read first by <c>run</c>'s reader,
    /// so they refuse exactly what <c>run</c> refuses with the same messages, then once more as bytes.
    /// </summary>
    /// <param name="path">The scenario file.</param>
    /// <returns>The scenario and the file's bytes.</returns>
    /// <exception cref="UserInputException">The file is missing, or is not a regular file that can be read again.</exception>
    /// <exception cref="ScenarioValidationException">The file is not a valid scenario.</exception>
    public static (Scenario Scenario, byte[] Bytes) ReadScenario(string path)
    {
        var scenario = ScenarioSource.Load(path);
        return (scenario, BoundedFile.Read(path, ScenarioJson.MaxFileBytes, "scenario file"));
    }

    /// <summary>The scenario of design point <paramref name="index"/>.</summary>
    /// <param name="index">The point (0-based).</param>
    /// <returns>The varied scenario.</returns>
    /// <exception cref="ScenarioValidationException">The varied scenario is invalid; each problem names the line of the original file and where the value came from.</exception>
    public Scenario ScenarioAt(int index)
    {
        var point = Design.Point(index);
        try
        {
            return Template.Apply(point);
        }
        catch (ScenarioValidationException ex)
        {
            throw new ScenarioValidationException([.. ex.Problems.Select(p => new ScenarioProblem(p.Path, $"{p.Message} ({Cause(index, point, p.Path)})", p.Line))], ScenarioPath);
        }
    }

    /// <summary>
    /// Checks every design point, on several threads and a point at a time so memory
    /// does not grow with the design, and with --conditional that conditional Monte Carlo applies at each.
    /// The problem reported is the first in <see cref="SweepDesign.CheckOrder"/>, whatever the threads.
    /// </summary>
    /// <param name="conditional">Whether every point must support conditional Monte Carlo.</param>
    /// <param name="threads">Threads checking.</param>
    /// <param name="cancellationToken">Stops the check (Ctrl+C).</param>
    /// <returns>Whether every point was checked; false when cancelled.</returns>
    /// <exception cref="ScenarioValidationException">A point's scenario is invalid.</exception>
    /// <exception cref="UserInputException">Conditional Monte Carlo does not apply at a point.</exception>
    public bool CheckEveryPoint(bool conditional, int threads, CancellationToken cancellationToken)
    {
        var gate = new object();
        long firstAt = long.MaxValue;
        Exception? first = null;
        Parallel.ForEach(Design.CheckOrder(), new ParallelOptions { MaxDegreeOfParallelism = threads }, (index, loop, at) =>
        {
            // Not loop.Stop(): it cannot be mixed with the Break below.
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                var scenario = ScenarioAt(index);
                if (conditional && !MonteCarloRunner.SupportsConditionalMonteCarlo(scenario.Compile(), out string? why))
                {
                    throw new UserInputException($"design point {index + 1} ({Describe(Design.Point(index))}): conditional Monte Carlo does not apply: {why}");
                }
            }
            catch (Exception ex)
            {
                lock (gate)
                {
                    if (at < firstAt)
                    {
                        (firstAt, first) = (at, ex);
                    }
                }

                // Every earlier point is still checked, so the first problem is reported.
                loop.Break();
            }
        });

        if (first is not null)
        {
            ExceptionDispatchInfo.Throw(first);
        }

        return !cancellationToken.IsCancellationRequested;
    }

    /// <summary>A point's assignments as <c>path=value, …</c>.</summary>
    /// <param name="point">The assignments.</param>
    /// <returns>The text.</returns>
    public static string Describe(IReadOnlyList<KeyValuePair<string, string>> point) => string.Join(", ", point.Select(a => $"{a.Key}={a.Value}"));

    private string Cause(int index, IReadOnlyList<KeyValuePair<string, string>> point, string problemPath)
    {
        string number = (index + 1).ToString(CultureInfo.InvariantCulture);
        for (int c = 0; c < point.Count; c++)
        {
            // A problem inside a set value, or about the object a value was set in; a problem about the whole scenario ($) is no one value's.
            string set = SweepDesign.FullPath(point[c].Key);
            if (SweepDesign.Inside(problemPath, set) || (problemPath != "$" && SweepDesign.Inside(set, problemPath)))
            {
                return $"{Design.Origin(index, c)}, design point {number}";
            }
        }

        return $"design point {number}: {Describe(point)}";
    }
}
