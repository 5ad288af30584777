using System.Collections.Immutable;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The agenda-setting Chair's proposal when nothing random feeds the win-set: the same in every trial, so the planner
/// makes it once per run, and every kernel tables it without solving. Knowing whether a text is tabled at all lets the
/// planner send the run through the fused single-vote loop, as it does a Fixed Chair's.
/// </summary>
/// <param name="Draft">The text tabled (the status quo under gridlock).</param>
/// <param name="Tabled">Whether a text is tabled; false is gridlock in every trial.</param>
/// <param name="Unproven">Whether the win-set solver could not prove it (every trial then counts as unproven).</param>
internal sealed record AgendaProposal(ImmutableArray<double> Draft, bool Tabled, bool Unproven)
{
    /// <summary>The proposal of a plan whose gains are static: one kernel's stages set up and asked once.</summary>
    public static AgendaProposal Make(KernelPlan plan)
    {
        var workspace = new TrialWorkspace(plan);
        _ = new ParameterStage(plan, workspace);
        var stakes = new StakeStage(plan, workspace);
        stakes.PrepareItems();
        return new AgendaProposal([.. workspace.Draft], !stakes.Gridlocked, stakes.ProposalUnproven);
    }
}
