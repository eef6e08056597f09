using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;

namespace RuleOfLaw.Workflow.Tests.Organizations;

/// <summary>Administrators act within their organization's subtree; the operator everywhere (issue 16 item 2).</summary>
public sealed class AdministrationScopeTests
{
    /// <summary>A province over a city over a county, and a second city beside it.</summary>
    private static readonly Dictionary<string, string?> Tree = new()
    {
        ["province"] = null,
        ["city"] = "province",
        ["city-drc"] = "city",
        ["county"] = "city",
        ["county-drc"] = "county",
        ["county-justice"] = "county",
        ["other-city"] = "province",
        ["other-city-drc"] = "other-city",
    };

    private static AdministrationScope Scope(params (string Organization, string Role)[] roles) =>
        AdministrationScope.Of(roles.Select(r => new Membership(r.Organization, r.Role)), Tree);

    private static Membership[] Roles_(params (string Organization, string Role)[] roles) => [.. roles.Select(r => new Membership(r.Organization, r.Role))];

    [Fact]
    public void An_administrator_covers_the_subtree_of_the_organization_where_the_role_is_held()
    {
        var county = Scope(("county", Roles.Administrator));
        Assert.True(county.IsAdministrator);
        Assert.False(county.IsOperator);
        Assert.Equal(["county", "county-drc", "county-justice"], county.Organizations.Order(StringComparer.Ordinal));

        var city = Scope(("city", Roles.Administrator));
        Assert.Equal(["city", "city-drc", "county", "county-drc", "county-justice"], city.Organizations.Order(StringComparer.Ordinal));
        Assert.False(city.Covers("other-city-drc"));
        Assert.False(city.Covers("province"));

        var department = Scope(("county-drc", Roles.Administrator));
        Assert.True(department.Covers("county-drc"));
        Assert.False(department.Covers("county-justice"));
    }

    [Fact]
    public void Other_roles_administer_nothing_and_the_operator_everything()
    {
        var chief = Scope(("county", Roles.ChiefExecutive), ("county-drc", Roles.DraftingHead));
        Assert.False(chief.IsAdministrator);
        Assert.Empty(chief.Organizations);
        Assert.False(chief.Covers("county"));

        var @operator = Scope(("county", Roles.Operator));
        Assert.True(@operator.IsOperator);
        Assert.True(@operator.Covers("other-city-drc"));
        Assert.True(@operator.MayPlaceUnder(null));
        Assert.True(@operator.MayAssign(Roles.Operator, "county"));
        Assert.True(@operator.MayManageAccount([]));
    }

    [Fact]
    public void An_account_is_changed_only_by_whoever_covers_every_role_it_holds()
    {
        var county = Scope(("county", Roles.Administrator));
        var city = Scope(("city", Roles.Administrator));
        var countyDrafter = Roles_(("county-drc", Roles.DraftingOfficer));
        var cityDrafter = Roles_(("city-drc", Roles.DraftingOfficer));
        var both = Roles_(("county-drc", Roles.DraftingOfficer), ("other-city-drc", Roles.Expert));

        Assert.True(county.MayManageAccount(countyDrafter));
        Assert.False(county.MayManageAccount(cityDrafter)); // the reported case: a county administrator and a city user
        Assert.True(city.MayManageAccount(countyDrafter)); // the city's subtree holds the county
        Assert.False(county.MayManageAccount(both));
        Assert.True(county.MaySee(both));
        Assert.False(county.MaySee(cityDrafter));
        // Nobody's (no role) and the operators' accounts are the operators'.
        Assert.False(city.MayManageAccount([]));
        Assert.False(city.MayManageAccount(Roles_(("county", Roles.Operator))));
        Assert.True(county.MayManageAccount(Roles_(("county", Roles.Administrator))));
    }

    [Fact]
    public void Roles_are_given_in_covered_organizations_and_the_operator_role_only_by_an_operator()
    {
        var county = Scope(("county", Roles.Administrator));
        Assert.True(county.MayAssign(Roles.Administrator, "county-drc"));
        Assert.False(county.MayAssign(Roles.DraftingOfficer, "city-drc"));
        Assert.False(county.MayAssign(Roles.Operator, "county"));
        Assert.True(county.MayPlaceUnder("county"));
        Assert.False(county.MayPlaceUnder("city"));
        Assert.False(county.MayPlaceUnder(null));
    }

    [Fact]
    public void Matter_and_record_powers_need_the_role_in_the_government_itself_or_the_operator_role()
    {
        Assert.True(AdministrationScope.ActsFor(Roles_(("county", Roles.Administrator)), "county"));
        Assert.False(AdministrationScope.ActsFor(Roles_(("city", Roles.Administrator)), "county")); // the upper government's administrator
        Assert.False(AdministrationScope.ActsFor(Roles_(("county", Roles.ChiefExecutive)), "county"));
        Assert.True(AdministrationScope.ActsFor(Roles_(("city", Roles.Operator)), "county"));
    }

    [Fact]
    public void A_cycle_in_stored_data_ends_the_walk()
    {
        var parents = new Dictionary<string, string?> { ["a"] = "b", ["b"] = "a", ["c"] = "missing" };
        var scope = AdministrationScope.Of([new Membership("a", Roles.Administrator)], parents);
        Assert.Equal(["a", "b"], scope.Organizations.Order(StringComparer.Ordinal));
    }
}
