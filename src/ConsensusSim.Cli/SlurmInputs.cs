using System.Text;
using ConsensusSim.Model;
using ConsensusSim.Serialization;

namespace ConsensusSim.Cli;

/// <summary>What a Slurm job is made from, read once: the scenario, its text as copied for the tasks, and a sweep's plan.</summary>
/// <param name="Scenario">The scenario (a sweep's template scenario).</param>
/// <param name="ScenarioText">The file as read and accepted, byte for byte, or the embedded default's text.</param>
/// <param name="Sweep">The sweep, if the job is one.</param>
internal sealed record SlurmInputs(Scenario Scenario, string ScenarioText, SweepPlan? Sweep)
{
    /// <summary>Reads the scenario and, for a sweep, its design.</summary>
    /// <param name="options">The job's options.</param>
    /// <returns>The inputs.</returns>
    /// <exception cref="UserInputException">A sweep without a scenario file, or a file that cannot be read.</exception>
    public static SlurmInputs Read(SlurmOptions options)
    {
        if (options.IsSweep)
        {
            if (options.ScenarioPath is null)
            {
                throw new UserInputException("A sweep needs a scenario file to vary.");
            }

            var sweep = SweepPlan.Load(options.ScenarioPath, SweepDesignOptions.FromOptions(options.Vary, options.Design ?? "grid", options.Points, options.Seed));
            return new(sweep.Template.Scenario, Encoding.UTF8.GetString(sweep.ScenarioBytes), sweep);
        }

        if (options.ScenarioPath is null)
        {
            return new(Scenario.Default, EmbeddedDefault(), null);
        }

        // The copy is the file run read and accepted, byte for byte.
        var (scenario, bytes) = SweepPlan.ReadScenario(options.ScenarioPath);
        return new(scenario, Encoding.UTF8.GetString(bytes), null);
    }

    private static string EmbeddedDefault()
    {
        using var stream = typeof(Scenario).Assembly.GetManifestResourceStream("ConsensusSim.Scenarios.default.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
