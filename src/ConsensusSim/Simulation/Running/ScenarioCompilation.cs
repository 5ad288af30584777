using ConsensusSim.Engine;
using ConsensusSim.Model;

namespace ConsensusSim.Simulation;

/// <summary>
/// Compiling a scenario for the runner. An extension rather than a member of <see cref="Scenario"/>: the model
/// layer describes decisions and does not know the engine that runs them.
/// </summary>
public static class ScenarioCompilation
{
    /// <summary>Compiles the scenario into the flat arrays the Monte Carlo engine runs on.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <returns>The compiled scenario, reusable across runs and threads.</returns>
    public static CompiledScenario Compile(this Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return ScenarioCompiler.Compile(scenario);
    }
}
