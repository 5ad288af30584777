using Stateless.Reflection;

namespace ConsensusSim.Procedures;

/// <summary>
/// A procedure as a flat transition table: for each (stage, trigger) the guarded destinations, in
/// definition order. Built from the Stateless definition's reflection data and checked to be
/// deterministic: in every context exactly one transition of a permitted trigger applies.
/// </summary>
/// <remarks><threadsafety>Immutable and safe to share.</threadsafety></remarks>
public sealed class CompiledProcedure
{
    private static readonly int StageCount = Enum.GetValues<ProcedureStage>().Length;
    private static readonly int TriggerCount = Enum.GetValues<ProcedureTrigger>().Length;

    private readonly int[] _start;
    private readonly ProcedureGuard[] _guards;
    private readonly ProcedureStage[] _destinations;
    private readonly ProcedureTrigger?[] _driver;
    private readonly ProcedureStage[] _next;

    private CompiledProcedure(string id, int[] start, ProcedureGuard[] guards, ProcedureStage[] destinations, ProcedureTrigger?[] driver)
    {
        Id = id;
        _start = start;
        _guards = guards;
        _destinations = destinations;
        _driver = driver;

        // Every stage's one trigger under each of the 16 contexts, looked up instead of evaluating guards per trial.
        _next = new ProcedureStage[StageCount * ContextCount];
        for (int stage = 0; stage < StageCount; stage++)
        {
            for (var flags = ProcedureContextFlags.None; flags <= ProcedureContextFlags.All; flags++)
            {
                _next[(stage * ContextCount) + (int)flags] = driver[stage] is { } trigger && TryFire((ProcedureStage)stage, trigger, ProcedureContext.FromFlags(flags), out var to) ? to : (ProcedureStage)stage;
            }
        }
    }

    /// <summary>The number of distinct <see cref="ProcedureContext"/> values (four flags).</summary>
    internal const int ContextCount = (int)ProcedureContextFlags.All + 1;

    /// <summary>The procedure's identifier.</summary>
    public string Id { get; }

    /// <summary>
    /// Where a tabled draft first meets a guarded decision: the stage reached from <see cref="ProcedureStage.Tabled"/>
    /// through unconditional steps (informal body, Preparatory Committee), which trials can skip.
    /// </summary>
    public ProcedureStage Entry
    {
        get
        {
            var stage = ProcedureStage.Tabled;
            while (TriggerAt(stage) is { } trigger && IsUnconditional(stage, trigger, out var next))
            {
                stage = next;
            }

            return stage;
        }
    }

    /// <summary>The number of guarded transitions in the table.</summary>
    public int TransitionCount => _guards.Length;

    /// <summary>Fires <paramref name="trigger"/> in <paramref name="stage"/>.</summary>
    /// <param name="stage">The current stage.</param>
    /// <param name="trigger">The trigger.</param>
    /// <param name="context">What the guards read.</param>
    /// <param name="next">The stage reached, when the trigger is permitted.</param>
    /// <returns>Whether the trigger is permitted in <paramref name="stage"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stage"/> or <paramref name="trigger"/> is not a defined value.</exception>
    public bool TryFire(ProcedureStage stage, ProcedureTrigger trigger, in ProcedureContext context, out ProcedureStage next)
    {
        CheckStage(stage);
        if ((uint)trigger >= (uint)TriggerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Not a defined procedure trigger.");
        }

        int cell = ((int)stage * TriggerCount) + (int)trigger;
        for (int k = _start[cell]; k < _start[cell + 1]; k++)
        {
            if (context.Satisfies(_guards[k]))
            {
                next = _destinations[k];
                return true;
            }
        }

        next = stage;
        return false;
    }

    /// <summary>The one trigger a stage responds to, or <see langword="null"/> for a final stage.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The trigger that moves the draft on from it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stage"/> is not a defined stage.</exception>
    public ProcedureTrigger? TriggerAt(ProcedureStage stage) => (uint)stage < (uint)_driver.Length ? _driver[(int)stage] : throw StageOutOfRange(stage);

    /// <summary>Where firing the stage's trigger leads in the context given as flags (see <see cref="ProcedureContext.Flags"/>): a table lookup equal to <see cref="TryFire"/>.</summary>
    internal ProcedureStage Next(ProcedureStage stage, ProcedureContextFlags context) => _next[((int)stage * ContextCount) + (int)context];

    /// <summary>Whether no trigger leaves <paramref name="stage"/>.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns><see langword="true"/> for Adopted and Reverted.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stage"/> is not a defined stage.</exception>
    public bool IsFinal(ProcedureStage stage) => TriggerAt(stage) is null;

    private static void CheckStage(ProcedureStage stage)
    {
        if ((uint)stage >= (uint)StageCount)
        {
            throw StageOutOfRange(stage);
        }
    }

    private static ArgumentOutOfRangeException StageOutOfRange(ProcedureStage stage) =>
        new(nameof(stage), stage, "Not a defined procedure stage.");

    private bool IsUnconditional(ProcedureStage stage, ProcedureTrigger trigger, out ProcedureStage next)
    {
        int cell = ((int)stage * TriggerCount) + (int)trigger;
        bool single = _start[cell + 1] - _start[cell] == 1 && _guards[_start[cell]] == ProcedureGuard.Always;
        next = single ? _destinations[_start[cell]] : stage;
        return single;
    }

    internal static CompiledProcedure From(ProcedureDefinition definition)
    {
        var info = definition.CreateStateMachine(() => default).GetInfo();
        var cells = new List<(ProcedureGuard Guard, ProcedureStage To)>[StageCount * TriggerCount];
        var driver = new ProcedureTrigger?[StageCount];
        foreach (var state in info.States)
        {
            var from = (ProcedureStage)state.UnderlyingState;
            if (state.DynamicTransitions.Any() || state.IgnoredTriggers.Any() || state.Substates.Any())
            {
                throw new InvalidOperationException($"Procedure '{definition.Id}', stage {from}: only fixed transitions can be compiled.");
            }

            foreach (var t in state.FixedTransitions)
            {
                var trigger = (ProcedureTrigger)t.Trigger.UnderlyingTrigger;
                if (driver[(int)from] is { } other && other != trigger)
                {
                    throw new InvalidOperationException($"Procedure '{definition.Id}', stage {from}: responds to both {other} and {trigger}; a stage must have one trigger.");
                }

                driver[(int)from] = trigger;
                int cell = ((int)from * TriggerCount) + (int)trigger;
                (cells[cell] ??= []).Add((GuardOf(definition, from, t), (ProcedureStage)t.DestinationState.UnderlyingState));
            }
        }

        var start = new int[cells.Length + 1];
        var guards = new List<ProcedureGuard>();
        var destinations = new List<ProcedureStage>();
        for (int c = 0; c < cells.Length; c++)
        {
            start[c] = guards.Count;
            foreach (var (guard, to) in cells[c] ?? [])
            {
                guards.Add(guard);
                destinations.Add(to);
            }

            if (cells[c] is { } entries)
            {
                CheckDeterministic(definition, c, entries);
            }
        }

        start[cells.Length] = guards.Count;
        return new CompiledProcedure(definition.Id, start, [.. guards], [.. destinations], driver);
    }

    private static ProcedureGuard GuardOf(ProcedureDefinition definition, ProcedureStage from, FixedTransitionInfo t)
    {
        var descriptions = t.GuardConditionsMethodDescriptions.Select(d => d.Description).ToList();
        if (descriptions.Count == 0)
        {
            return ProcedureGuard.Always;
        }

        if (descriptions.Count == 1 && ProcedureGuards.TryParse(descriptions[0], out var guard))
        {
            return guard;
        }

        throw new InvalidOperationException($"Procedure '{definition.Id}', stage {from}: guard '{string.Join(" & ", descriptions)}' is not a known ProcedureGuard description.");
    }

    private static void CheckDeterministic(ProcedureDefinition definition, int cell, List<(ProcedureGuard Guard, ProcedureStage To)> entries)
    {
        foreach (var context in ProcedureContext.All())
        {
            int holding = entries.Count(e => context.Satisfies(e.Guard));
            if (holding != 1)
            {
                var stage = (ProcedureStage)(cell / TriggerCount);
                var trigger = (ProcedureTrigger)(cell % TriggerCount);
                throw new InvalidOperationException($"Procedure '{definition.Id}', stage {stage}, trigger {trigger}: {holding} transitions apply in {context}; exactly one must.");
            }
        }
    }
}
