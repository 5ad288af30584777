using ConsensusSim.Osce;

namespace ConsensusSim.Tests.Osce;

public class OsceCatalogTests
{
    private static readonly OsceCatalog Catalog = OsceCatalog.Default;

    [Fact]
    public void Has_the_57_participating_States_with_unique_codes()
    {
        Assert.Equal(57, Catalog.States.Count);
        Assert.Equal(57, Catalog.States.Select(s => s.Code).Distinct().Count());
        Assert.All(Catalog.States, s => Assert.Matches("^[A-Z]{3}$", s.Code));
    }

    [Theory]
    [InlineData("eu", 27)]
    [InlineData("nato", 32)]
    [InlineData("csto", 6)]
    [InlineData("cis", 9)]
    public void Membership_counts_match_the_public_record(string grouping, int members)
    {
        Assert.True(Catalog.TryGetGrouping(grouping, out var g));
        Assert.Equal(members, g.Members.Count);
    }

    [Fact]
    public void Membership_flags_agree_with_groupings()
    {
        Assert.Equal(27, Catalog.States.Count(s => s.IsEuMember));
        Assert.Equal(32, Catalog.States.Count(s => s.IsNatoMember));
        Assert.Equal(6, Catalog.States.Count(s => s.IsCstoMember));
        Assert.Equal(9, Catalog.States.Count(s => s.IsCisMember));
        Assert.True(Catalog.GetState("RUS").IsCstoMember);
        Assert.False(Catalog.GetState("UKR").IsCisMember);
    }

    [Fact]
    public void Mongolia_was_admitted_last_on_21_November_2012()
    {
        var mongolia = Catalog.GetState("MNG");
        Assert.Equal(new DateOnly(2012, 11, 21), mongolia.Admitted);
        Assert.Equal(mongolia.Admitted, Catalog.States.Max(s => s.Admitted));
    }

    [Fact]
    public void Blocs_partition_the_States()
    {
        var blocs = Catalog.Groupings.Where(g => g.Kind == GroupingKind.Bloc).ToList();
        Assert.Equal(6, blocs.Count);
        var all = blocs.SelectMany(b => b.Members).ToList();
        Assert.Equal(57, all.Count);
        Assert.Equal(57, all.Distinct().Count());
        Assert.All(Catalog.States, s => Assert.Contains(blocs, b => b.Id == s.Bloc));
    }

    [Fact]
    public void Grouping_ids_are_unique()
    {
        Assert.Equal(Catalog.Groupings.Count, Catalog.Groupings.Select(g => g.Id).Distinct().Count());
    }

    [Fact]
    public void Has_the_three_dimensions_in_basket_order()
    {
        Assert.Equal(["politico-military", "economic-environmental", "human"], Catalog.Dimensions.Select(d => d.Id));
        Assert.Equal([1, 2, 3], Catalog.Dimensions.Select(d => d.Basket));
    }

    [Fact]
    public void Cross_dimensional_threats_are_cross_dimensional_and_every_susceptibility_is_a_probability()
    {
        // Which of them is less susceptible than arms control is a question for the record (topics.json), not the catalog.
        foreach (var id in new[] { "counter-terrorism", "migration", "trafficking-in-human-beings" })
        {
            Assert.True(Catalog.TryGetFieldOfWork(id, out var field), id);
            Assert.True(field.IsCrossDimensional, id);
        }

        Assert.All(Catalog.FieldsOfWork, f => Assert.InRange(f.Susceptibility, 0.0, 1.0));
        Assert.All(Catalog.FieldsOfWork.SelectMany(f => f.Dimensions), d => Assert.True(Catalog.TryGetDimension(d, out _), d));
    }

    [Fact]
    public void The_four_decision_making_bodies_are_known()
    {
        var deciding = Catalog.Bodies.Where(b => b.Kind == BodyKind.DecisionMaking).Select(b => b.Id).Order().ToList();
        Assert.Equal(["forum-for-security-co-operation", "ministerial-council", "permanent-council", "summit"], deciding);
    }

    [Fact]
    public void Budget_shares_are_approximately_a_whole()
    {
        Assert.InRange(Catalog.States.Sum(s => s.BudgetSharePercentApprox), 99.9, 100.1);
        Assert.All(Catalog.States, s => Assert.True(s.PopulationMillionsApprox > 0, s.Code));
    }

    [Fact]
    public void Unknown_codes_are_reported_not_guessed()
    {
        Assert.False(Catalog.TryGetState("XXX", out _));
        Assert.Throws<KeyNotFoundException>(() => Catalog.GetState("xxx"));
    }
}
