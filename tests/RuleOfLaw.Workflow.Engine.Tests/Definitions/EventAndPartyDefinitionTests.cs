using static RuleOfLaw.Workflow.Engine.Tests.Definitions.DefinitionAssert;

namespace RuleOfLaw.Workflow.Engine.Tests.Definitions;

/// <summary>Load-time rules of event steps, attached and instance events, completedBy and parties: each refusal with its path.</summary>
public sealed class EventAndPartyDefinitionTests
{
    private static string Definition(string steps, string events = "[]") => $$"""
        {
          "id": "sample", "version": 1, "title": "示例", "legalBasis": "测试", "start": "draft",
          "events": {{events}},
          "steps": [
            { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "done", "title": "完成" } ], "next": ["wait"] },
            {{steps}}
          ]
        }
        """;

    private const string Wait = """{ "id": "wait", "kind": "event", "title": "等待", "signal": "objection-threshold-reached", "next": [] }""";

    [Fact]
    public void Events_parties_and_completed_by_are_valid_where_they_apply()
    {
        Assert.Empty(Check(Definition(Wait + """
            , { "id": "panel", "kind": "humanTask", "title": "论证", "role": "expert", "organization": "expert-pool", "completedBy": "expert-opinion",
                "parties": { "completion": { "share": 0.5 } }, "outcomes": [ { "id": "given", "title": "已出具" } ], "next": [],
                "events": [ { "signal": "panel-dissolved", "interrupting": true, "next": [] } ] }
            """, """[ { "signal": "execution-suspended", "interrupting": true, "next": ["panel"] } ]""")));
    }

    [Fact]
    public void An_event_step_needs_its_signal()
    {
        SingleError(Definition("""{ "id": "wait", "kind": "event", "title": "等待", "next": [] }"""), "$.steps[1].signal", "needs the signal");
    }

    [Fact]
    public void A_signal_is_kebab_case_and_only_on_event_steps()
    {
        SingleError(Definition("""{ "id": "wait", "kind": "event", "title": "等待", "signal": "ObjectionsReached", "next": [] }"""),
            "$.steps[1].signal", "kebab-case");
        SingleError(Definition("""{ "id": "wait", "kind": "automatic", "title": "等待", "signal": "x", "next": [] }"""),
            "$.steps[1].signal", "only event steps");
    }

    [Fact]
    public void Events_lead_to_existing_steps_hear_a_signal_once_and_sit_only_on_steps_that_wait()
    {
        SingleError(Definition(Wait, """[ { "signal": "execution-suspended", "next": ["suspension"] } ]"""), "$.events[0].next[0]", "'suspension' does not exist");
        SingleError(Definition("""
            { "id": "wait", "kind": "event", "title": "等待", "signal": "a", "next": [],
              "events": [ { "signal": "b", "next": [] }, { "signal": "b", "next": [] } ] }
            """), "$.steps[1].events[1].signal", "heard twice");
        SingleError(Definition("""{ "id": "wait", "kind": "automatic", "title": "自动", "next": [], "events": [ { "signal": "b", "next": [] } ] }"""),
            "$.steps[1].events", "never active");
        SingleError(Definition(Wait, """[ { "next": [] } ]"""), "$.events[0].signal", "required");
    }

    [Fact]
    public void A_step_reached_only_from_an_instance_event_is_reachable()
    {
        Assert.Empty(Check(Definition(Wait + """
            , { "id": "suspension", "kind": "humanTask", "title": "中止", "role": "drafting-officer", "organization": "drafting-unit",
                "outcomes": [ { "id": "done", "title": "完成" } ], "next": [] }
            """, """[ { "signal": "execution-suspended", "next": ["suspension"] } ]""")));
    }

    [Fact]
    public void Completed_by_is_a_kebab_case_command_on_a_human_task_or_an_event_step()
    {
        SingleError(Definition("""
            { "id": "wait", "kind": "timer", "title": "等待", "duration": { "days": 5, "counting": "calendar" }, "completedBy": "meeting-record", "next": [] }
            """), "$.steps[1].completedBy", "only human tasks and event steps");
        Assert.Empty(Check(Definition("""{ "id": "wait", "kind": "event", "title": "等待", "signal": "a", "completedBy": "execution-resumption", "next": [] }""")));
        SingleError(Definition("""{ "id": "wait", "kind": "event", "title": "等待", "signal": "a", "completedBy": "Execution Resumption", "next": [] }"""),
            "$.steps[1].completedBy", "kebab-case");
        SingleError(Definition("""
            { "id": "wait", "kind": "humanTask", "title": "会议", "role": "drafting-officer", "organization": "drafting-unit", "completedBy": "Meeting Record",
              "outcomes": [ { "id": "done", "title": "完成" } ], "next": [] }
            """), "$.steps[1].completedBy", "kebab-case");
    }

    [Fact]
    public void Sent_by_is_a_kebab_case_command_on_an_event()
    {
        Assert.Empty(Check(Definition(Wait, """[ { "signal": "execution-suspended", "sentBy": "execution-suspension", "next": [] } ]""")));
        SingleError(Definition(Wait, """[ { "signal": "execution-suspended", "sentBy": "Execution Suspension", "next": [] } ]"""),
            "$.events[0].sentBy", "kebab-case");
    }

    [Theory]
    [InlineData("\"most\"", "$.steps[1].parties.completion")]
    [InlineData("{ \"count\": 0 }", "$.steps[1].parties.completion.count")]
    [InlineData("{ \"share\": 1.5 }", "$.steps[1].parties.completion.share")]
    [InlineData("{ \"count\": 2, \"share\": 0.5 }", "$.steps[1].parties.completion")]
    public void A_completion_rule_is_all_any_a_count_or_a_share(string completion, string path)
    {
        var errors = Check(Definition($$"""
            { "id": "wait", "kind": "humanTask", "title": "论证", "role": "expert", "organization": "expert-pool",
              "parties": { "completion": {{completion}} }, "outcomes": [ { "id": "given", "title": "已出具" } ], "next": [] }
            """));
        Assert.Equal(path, Assert.Single(errors).Path);
    }

    [Fact]
    public void Party_rules_name_known_roles_lead_nowhere_and_a_recorder_has_both_role_and_scope()
    {
        var errors = Check(Definition("""
            { "id": "wait", "kind": "humanTask", "title": "论证", "role": "expert", "organization": "expert-pool",
              "parties": { "role": "meeting-member", "recorderRole": "drafting-officer",
                           "outcomes": [ { "id": "agree", "title": "同意", "next": ["draft"] } ] },
              "outcomes": [ { "id": "given", "title": "已出具", "next": [] } ] }
            """));
        HasError(errors, "$.steps[1].parties.role", "unknown role 'meeting-member'");
        HasError(errors, "$.steps[1].parties.recorderOrganization", "both a role and the organization scope");
        HasError(errors, "$.steps[1].parties.outcomes[0].next", "leads nowhere");
        HasError(errors, "$.steps[1].outcomes[0].next", "completes by its completion rule");
        Assert.Equal(4, errors.Count);
        SingleError(Definition("""{ "id": "wait", "kind": "event", "title": "等待", "signal": "a", "parties": {}, "next": [] }"""),
            "$.steps[1].parties", "only human tasks");
    }

    [Fact]
    public void Parties_name_a_known_scope_and_a_kebab_case_command_of_their_own()
    {
        var errors = Check(Definition("""
            { "id": "wait", "kind": "humanTask", "title": "论证", "role": "drafting-officer", "organization": "drafting-unit",
              "parties": { "role": "expert", "organization": "expert-panel", "completedBy": "Expert Opinion", "last": true },
              "outcomes": [ { "id": "given", "title": "已出具" } ], "next": [] }
            """));
        HasError(errors, "$.steps[1].parties.organization", "unknown organization scope 'expert-panel'");
        HasError(errors, "$.steps[1].parties.completedBy", "must be kebab-case");
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void A_misspelt_property_of_an_event_or_of_parties_is_an_error_not_ignored()
    {
        SingleError(Definition("""
            { "id": "wait", "kind": "event", "title": "等待", "signal": "a", "next": [],
              "events": [ { "signal": "b", "interupting": true, "next": [] } ] }
            """), "$.steps[1].events[0].interupting", "unknown property 'interupting'");
        var errors = Check(Definition("""
            { "id": "wait", "kind": "humanTask", "title": "论证", "role": "expert", "organization": "expert-pool",
              "parties": { "completion": { "count": 2, "of": 3 }, "lst": true }, "outcomes": [ { "id": "given", "title": "已出具" } ], "next": [] }
            """));
        HasError(errors, "$.steps[1].parties.lst", "unknown property 'lst'");
        HasError(errors, "$.steps[1].parties.completion.of", "unknown property 'of'");
        Assert.Equal(2, errors.Count);
    }
}
