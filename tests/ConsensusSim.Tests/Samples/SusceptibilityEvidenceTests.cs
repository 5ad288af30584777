using ConsensusSim.Osce;
using ConsensusSim.Samples.Thesis;

namespace ConsensusSim.Tests.Samples;

public class SusceptibilityEvidenceTests
{
    [Fact]
    public void The_record_cannot_tell_the_cross_dimensional_topics_from_arms_control_and_the_catalog_keeps_the_fitted_values()
    {
        var fit = SusceptibilityEvidence.Fit(trials: 1_000);
        foreach (string topic in SusceptibilityEvidence.CrossDimensional)
        {
            Assert.Equal("the record cannot tell (the intervals overlap)", SusceptibilityEvidence.Compare(fit, topic, "arms-control"));
            Assert.Equal("the record has no topic row for conflict-prevention", SusceptibilityEvidence.Compare(fit, topic, "conflict-prevention"));
        }

        // Every fitted topic's catalog κ lies in its interval: the fitted value where the record identifies it, the
        // assumed one where it does not (counter-terrorism and trafficking, only ever adopted, get an upper limit).
        foreach (var p in fit.Parameters)
        {
            string topic = p.Parameter.AppliesTo!.Topic ?? "budget";
            Assert.True(OsceCatalog.Default.TryGetFieldOfWork(topic, out var field), topic);
            Assert.True(field.Susceptibility >= p.Lower && field.Susceptibility <= p.Upper, $"{topic}: catalog {field.Susceptibility}, fitted {p.Describe()}");
            if (p.IsIdentified)
            {
                // The catalog holds the shipped spec's estimate (4,000 trials) to two decimals; this fit has 1,000.
                Assert.InRange(field.Susceptibility, p.Estimate - 0.015, p.Estimate + 0.015);
            }
        }

        Assert.Contains("| arms-control | 0.32 |", SusceptibilityEvidence.Markdown(fit), StringComparison.Ordinal);
    }
}
