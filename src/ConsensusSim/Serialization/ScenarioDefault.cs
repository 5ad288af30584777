using ConsensusSim.Model;

namespace ConsensusSim.Serialization;

/// <summary>
/// The default scenario, written <c>Scenario.Default</c>. It is a scenario file embedded in the library, so it
/// is read here, in the layer that reads scenario files, rather than by the model it describes.
/// </summary>
public static class ScenarioDefault
{
    private static readonly Lazy<Scenario> LazyDefault = new(() => ScenarioJson.ReadEmbedded("default.json"));

    extension(Scenario)
    {
        /// <summary>
        /// The scenario <c>consensussim run</c> uses when given no file: a counter-terrorism decision at
        /// the Permanent Council with all 57 States (embedded from samples/scenarios/counter-terrorism-pc.json).
        /// </summary>
        public static Scenario Default => LazyDefault.Value;
    }
}
