using Stateless;
using Stateless.Graph;

namespace ConsensusSim.Procedures;

/// <summary>
/// A decision procedure authored as a Stateless state machine. The definition is for reading,
/// exporting and checking; trials run its <see cref="Compile">compiled</see> transition table,
/// because a Stateless <c>Fire</c> allocates and costs hundreds of nanoseconds.
/// </summary>
/// <remarks><threadsafety>Immutable. Machines it creates are not thread-safe (Stateless is single-threaded).</threadsafety></remarks>
public sealed class ProcedureDefinition
{
    private readonly Action<StateMachine<ProcedureStage, ProcedureTrigger>, Func<ProcedureGuard, Func<bool>>> _configure;
    private readonly Lazy<CompiledProcedure> _compiled;

    private ProcedureDefinition(
        string id,
        string name,
        string description,
        Action<StateMachine<ProcedureStage, ProcedureTrigger>, Func<ProcedureGuard, Func<bool>>> configure)
    {
        Id = id;
        Name = name;
        Description = description;
        _configure = configure;
        _compiled = new Lazy<CompiledProcedure>(() => CompiledProcedure.From(this));
    }

    /// <summary>
    /// The OSCE's procedure: tabled → informal body → Preparatory Committee → meeting of the deciding
    /// body, deciding there or by silence procedure; on objection the Chair revises for another round;
    /// after the last round the draft goes to the Ministerial Council or reverts.
    /// </summary>
    public static ProcedureDefinition OsceConsensus { get; } = new(
        "consensus",
        "OSCE consensus procedure",
        "Informal body, Preparatory Committee, decision at a meeting or by silence procedure, revision rounds, escalation to the Ministerial Council.",
        static (sm, g) =>
        {
            sm.Configure(ProcedureStage.Tabled).Permit(ProcedureTrigger.Refer, ProcedureStage.InformalBody);
            sm.Configure(ProcedureStage.InformalBody).Permit(ProcedureTrigger.AgreeText, ProcedureStage.PreparatoryCommittee);
            sm.Configure(ProcedureStage.PreparatoryCommittee).Permit(ProcedureTrigger.Forward, ProcedureStage.CouncilMeeting);
            Branch(sm.Configure(ProcedureStage.CouncilMeeting), g, ProcedureTrigger.Decide, ProcedureGuard.AgreedAtMeeting, ProcedureStage.Adopted)
                .PermitIf(ProcedureTrigger.Decide, ProcedureStage.SilenceProcedure, g(ProcedureGuard.AgreedToSilence), ProcedureGuards.Describe(ProcedureGuard.AgreedToSilence));
            Branch(sm.Configure(ProcedureStage.SilenceProcedure), g, ProcedureTrigger.SilenceEnds, ProcedureGuard.Agreed, ProcedureStage.Adopted);
            sm.Configure(ProcedureStage.ChairRevises).Permit(ProcedureTrigger.Revise, ProcedureStage.CouncilMeeting);
            sm.Configure(ProcedureStage.MinisterialCouncil)
                .PermitIf(ProcedureTrigger.Decide, ProcedureStage.Adopted, g(ProcedureGuard.Agreed), ProcedureGuards.Describe(ProcedureGuard.Agreed))
                .PermitIf(ProcedureTrigger.Decide, ProcedureStage.Reverted, g(ProcedureGuard.Blocked), ProcedureGuards.Describe(ProcedureGuard.Blocked));
        });

    /// <summary>One decision at a meeting with no preparation, revision or escalation: the setting of the closed-form results.</summary>
    public static ProcedureDefinition SingleDecision { get; } = new(
        "single-decision",
        "Single decision",
        "The draft is put once to the deciding body and adopted or not.",
        static (sm, g) =>
        {
            sm.Configure(ProcedureStage.Tabled).Permit(ProcedureTrigger.Forward, ProcedureStage.CouncilMeeting);
            sm.Configure(ProcedureStage.CouncilMeeting)
                .PermitIf(ProcedureTrigger.Decide, ProcedureStage.Adopted, g(ProcedureGuard.Agreed), ProcedureGuards.Describe(ProcedureGuard.Agreed))
                .PermitIf(ProcedureTrigger.Decide, ProcedureStage.Reverted, g(ProcedureGuard.Blocked), ProcedureGuards.Describe(ProcedureGuard.Blocked));
        });

    /// <summary>Every built-in procedure.</summary>
    public static IReadOnlyList<ProcedureDefinition> All { get; } = [OsceConsensus, SingleDecision];

    /// <summary>Identifier used in scenario files and on the command line.</summary>
    public string Id { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>What the procedure does.</summary>
    public string Description { get; }

    /// <summary>Finds a built-in procedure by identifier.</summary>
    /// <param name="id">For example <c>consensus</c>.</param>
    /// <param name="procedure">The procedure, when found.</param>
    /// <returns>Whether the identifier is known.</returns>
    public static bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProcedureDefinition? procedure)
    {
        ArgumentNullException.ThrowIfNull(id);
        procedure = All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));
        return procedure is not null;
    }

    /// <summary>Creates a Stateless machine of this procedure whose guards read <paramref name="context"/>.</summary>
    /// <param name="context">Supplies the context at the time a trigger fires.</param>
    /// <param name="initial">The starting stage.</param>
    /// <returns>A configured machine (single-threaded).</returns>
    public StateMachine<ProcedureStage, ProcedureTrigger> CreateStateMachine(Func<ProcedureContext> context, ProcedureStage initial = ProcedureStage.Tabled)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Enum.IsDefined(initial))
        {
            throw new ArgumentOutOfRangeException(nameof(initial), initial, "Not a defined procedure stage.");
        }

        var sm = new StateMachine<ProcedureStage, ProcedureTrigger>(initial, FiringMode.Immediate);
        _configure(sm, guard => () => context().Satisfies(guard));
        return sm;
    }

    /// <summary>The transition table trials execute, compiled from the Stateless definition.</summary>
    /// <returns>The compiled procedure (cached).</returns>
    public CompiledProcedure Compile() => _compiled.Value;

    /// <summary>The procedure as a Mermaid <c>stateDiagram-v2</c>.</summary>
    /// <returns>Mermaid text.</returns>
    public string ToMermaid() => MermaidGraph.Format(CreateStateMachine(() => default).GetInfo());

    /// <summary>The procedure as a Graphviz DOT <c>digraph</c>.</summary>
    /// <returns>DOT text.</returns>
    public string ToDot() => UmlDotGraph.Format(CreateStateMachine(() => default).GetInfo());

    /// <inheritdoc />
    public override string ToString() => Name;

    private static StateMachine<ProcedureStage, ProcedureTrigger>.StateConfiguration Branch(
        StateMachine<ProcedureStage, ProcedureTrigger>.StateConfiguration state,
        Func<ProcedureGuard, Func<bool>> g,
        ProcedureTrigger trigger,
        ProcedureGuard agreed,
        ProcedureStage onAgreement)
    {
        foreach (var (guard, destination) in new[]
        {
            (agreed, onAgreement),
            (ProcedureGuard.BlockedRoundsLeft, ProcedureStage.ChairRevises),
            (ProcedureGuard.BlockedEscalate, ProcedureStage.MinisterialCouncil),
            (ProcedureGuard.BlockedRevert, ProcedureStage.Reverted),
        })
        {
            state.PermitIf(trigger, destination, g(guard), ProcedureGuards.Describe(guard));
        }

        return state;
    }
}
