using System.Collections.Concurrent;
using ConsensusSim.Model;

namespace ConsensusSim.Engine;

/// <summary>
/// The tabulated samplers of the distributions runs have used lately, shared between runs: a table takes about two
/// milliseconds to build, longer than a sweep point's ten thousand trials, and the same distribution comes back at
/// every point of a sweep that does not vary it. A table depends on its distribution alone, so sharing it changes no
/// draw.
/// </summary>
/// <remarks><threadsafety>Thread-safe.</threadsafety></remarks>
internal static class SharedSamplers
{
    /// <summary>
    /// Distributions kept at most: far more than one scenario has, and a few hundred kilobytes of tables. A sweep that
    /// varies a distribution's own arguments makes a new one at every point; the cache then starts afresh when full
    /// rather than growing with the design.
    /// </summary>
    internal const int Capacity = 64;

    private static readonly ConcurrentDictionary<Parameter, ParameterSampler> Samplers = new();

    /// <summary>The distributions kept now: at most <see cref="Capacity"/>, plus one per thread adding at the same moment.</summary>
    internal static int Count => Samplers.Count;

    /// <summary>The sampler of <paramref name="parameter"/>: a shared one if its table was built lately, else a new one.</summary>
    /// <param name="parameter">The distribution.</param>
    /// <returns>Its sampler.</returns>
    public static ParameterSampler For(Parameter parameter)
    {
        if (Samplers.TryGetValue(parameter, out var shared))
        {
            return shared;
        }

        var sampler = ParameterSampler.For(parameter);
        if (!sampler.Tabulated)
        {
            return sampler;
        }

        if (Samplers.Count >= Capacity)
        {
            Samplers.Clear();
        }

        return Samplers.GetOrAdd(parameter, sampler);
    }
}
