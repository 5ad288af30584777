using ConsensusSim.Engine;

namespace ConsensusSim.Simulation;

/// <summary>
/// Runs the chunks of one run's trials on several threads with <see cref="OrderedPipeline{TWorker, TItem}"/>
/// and hands their tallies out strictly in chunk order, each thread on its own trial kernel. Stopping early
/// (precision reached, cancellation) discards whatever lies beyond the prefix handed out, so every stopping
/// point is still a prefix of the chunk sequence; a chunk in hand is abandoned within milliseconds whatever
/// its size (the kernel looks at the token between sub-blocks of trials).
/// </summary>
internal sealed class ChunkPipeline
{
    private readonly CompiledScenario _scenario;
    private readonly KernelPlan _plan;
    private readonly RunIdentity _identity;
    private readonly OrderedPipeline<TrialKernel, TrialAccumulator> _pipeline;

    /// <summary>Prepares a pipeline over the chunks [<paramref name="first"/>, <see cref="RunIdentity.EndChunk"/>) of a run.</summary>
    /// <param name="scenario">The compiled scenario every thread simulates; its kernels are planned once, here.</param>
    /// <param name="identity">The run: seed, chunk size and last chunk.</param>
    /// <param name="first">The first chunk to run.</param>
    /// <param name="threads">Threads that run chunks, the consumer's included; 1 runs each chunk on the consumer's thread when it asks for it.</param>
    /// <param name="cancellationToken">Stops claiming new chunks and abandons those in hand; chunks already finished in order are still handed out.</param>
    public ChunkPipeline(CompiledScenario scenario, RunIdentity identity, long first, int threads, CancellationToken cancellationToken)
    {
        _scenario = scenario;
        var rare = identity.Rare is { } outcome ? new Engine.Stages.RareEventRequest(outcome == RareOutcome.Adopted, identity.Seed) : (Engine.Stages.RareEventRequest?)null;
        _plan = KernelPlan.For(scenario, conditional: identity.Conditional, rare: rare, conditionalOnly: identity.ConditionalOnly);
        _identity = identity;
        _pipeline = new OrderedPipeline<TrialKernel, TrialAccumulator>(first, identity.EndChunk, threads, NewKernel, RunChunk, cancellationToken);
    }

    /// <summary>The tallies of successive chunks, in chunk order; stop enumerating to stop the workers.</summary>
    /// <returns>One accumulator per chunk.</returns>
    /// <remarks>An exception in a chunk (for example, from a custom behaviour) is rethrown here as it was thrown, after the chunks before it.</remarks>
    public IEnumerable<TrialAccumulator> InOrder() => _pipeline.InOrder();

    private TrialKernel NewKernel() => new(_plan);

    /// <summary>One chunk's tallies, or null if it was abandoned part-way (its partial tallies are dropped, never merged).</summary>
    private TrialAccumulator? RunChunk(TrialKernel kernel, long chunk, CancellationToken abandon)
    {
        var part = new TrialAccumulator(_scenario.StateCount, _scenario.MaxRounds, _scenario.ItemCount);
        return kernel.RunChunk(_identity.Seed, chunk * _identity.ChunkSize, _identity.TrialsIn(chunk, 1), part, abandon) ? part : null;
    }
}
