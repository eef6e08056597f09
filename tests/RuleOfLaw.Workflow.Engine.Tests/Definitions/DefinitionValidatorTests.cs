using RuleOfLaw.Workflow.Engine.Definitions;
using static RuleOfLaw.Workflow.Engine.Tests.Definitions.DefinitionAssert;

namespace RuleOfLaw.Workflow.Engine.Tests.Definitions;

/// <summary>Graph and vocabulary rules: one test per rule, each with the exact JSON path and the file.</summary>
public sealed class DefinitionValidatorTests
{
    /// <summary>A definition around the given steps, with attributes <c>technical</c> and <c>urgent</c>.</summary>
    private static string Definition(string steps, string start = "draft") => $$"""
        {
          "id": "sample-review",
          "version": 1,
          "title": "示例审查",
          "legalBasis": "《重大行政决策程序暂行条例》（国务院令第713号）",
          "attributes": [
            { "name": "technical", "title": "专业性、技术性较强" },
            { "name": "urgent", "title": "情况紧急" }
          ],
          "start": "{{start}}",
          "steps": {{steps}}
        }
        """;

    private const string Done = """[ { "id": "done", "title": "完成" } ]""";

    [Fact]
    public void A_minimal_definition_is_valid()
    {
        const string json = """
            {
              "id": "minimal",
              "version": 1,
              "title": "最小程序",
              "legalBasis": "测试",
              "start": "draft",
              "steps": [
                { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit",
                  "outcomes": [ { "id": "done", "title": "完成" } ] }
              ]
            }
            """;

        Assert.Empty(Check(json));
        var definition = DefinitionLoader.Parse(json, FileName, Vocabulary);
        Assert.Equal("minimal", definition.Id);
        Assert.Equal(1, definition.Version);
        Assert.Equal(FileName, definition.SourceFile);
        Assert.Equal(64, definition.ContentHash!.Length);
        Assert.Empty(definition.Attributes);
        Assert.Equal(["drafting-unit"], definition.Scopes());
    }

    [Fact]
    public void The_documented_sample_with_a_loop_that_can_end_is_valid()
    {
        var json = Definition($$"""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟订草案", "role": "drafting-officer", "organization": "drafting-unit",
                "outcomes": {{Done}}, "next": ["expert-opinion"] },
              { "id": "expert-opinion", "kind": "humanTask", "title": "专家论证", "role": "expert", "organization": "expert-pool",
                "when": "technical", "outcomes": {{Done}}, "next": ["review"] },
              { "id": "review", "kind": "humanTask", "title": "合法性审查", "role": "legality-reviewer", "organization": "legality-review-office",
                "minimum": { "days": 7, "counting": "workingDays" },
                "outcomes": [
                  { "id": "lawful", "title": "合法", "next": [] },
                  { "id": "needs-revision", "title": "需修改完善", "next": ["draft"], "commentRequired": true }
                ] }
            ]
            """);

        Assert.Empty(Check(json));
    }

    [Fact]
    public void Parse_throws_with_every_error_and_Check_returns_the_same_errors()
    {
        var json = Definition("""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit",
                "outcomes": [ { "id": "done", "title": "完成", "next": ["revew"] } ], "next": ["nowhere"] }
            ]
            """);

        var error = Assert.Throws<DefinitionValidationException>(() => DefinitionLoader.Parse(json, FileName, Vocabulary));

        Assert.Equal(Check(json), error.Errors);
        Assert.Equal(2, error.Errors.Count);
        Assert.Contains("workflows/sample.json: $.steps[0].next[0]: step 'nowhere' does not exist", error.Message);
        Assert.Contains("workflows/sample.json: $.steps[0].outcomes[0].next[0]: step 'revew' does not exist", error.Message);
    }

    [Fact]
    public void An_empty_step_list_is_refused()
    {
        // The start step cannot exist in an empty list; that is how an empty "steps" is reported.
        SingleError(Definition("[]"), "$.start", "step 'draft' does not exist");
    }

    // ---- Naming rules ----

    [Fact]
    public void The_definition_id_must_be_kebab_case()
    {
        var json = Definition($$"""
            [ { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": {{Done}} } ]
            """).Replace("\"sample-review\"", "\"SampleReview\"");

        SingleError(json, "$.id", "'SampleReview' must be kebab-case");
    }

    [Fact]
    public void Step_and_outcome_ids_must_be_kebab_case()
    {
        var json = Definition("""
            [ { "id": "draft_1", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit",
                "outcomes": [ { "id": "Done", "title": "完成" } ] } ]
            """, start: "draft_1");

        var errors = Check(json);

        Assert.Equal(2, errors.Count);
        HasError(errors, "$.steps[0].id", "'draft_1' must be kebab-case");
        HasError(errors, "$.steps[0].outcomes[0].id", "'Done' must be kebab-case");
    }

    [Fact]
    public void Attribute_names_must_be_camel_case_and_unique()
    {
        const string json = """
            {
              "id": "sample", "version": 1, "title": "示例", "legalBasis": "测试",
              "attributes": [
                { "name": "Technical", "title": "甲" },
                { "name": "urgent", "title": "乙" },
                { "name": "urgent", "title": "丙" }
              ],
              "start": "draft",
              "steps": [ { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit",
                           "outcomes": [ { "id": "done", "title": "完成" } ] } ]
            }
            """;

        var errors = Check(json);

        Assert.Equal(2, errors.Count);
        HasError(errors, "$.attributes[0].name", "'Technical' must be camelCase");
        HasError(errors, "$.attributes[2].name", "attribute 'urgent' is declared twice");
    }

    [Fact]
    public void Duplicate_step_ids_are_refused_naming_the_first()
    {
        var json = Definition($$"""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": {{Done}}, "next": ["review"] },
              { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office", "outcomes": {{Done}} },
              { "id": "draft", "kind": "automatic", "title": "又一个拟稿" }
            ]
            """);

        SingleError(json, "$.steps[2].id", "step id 'draft' is used twice (first at $.steps[0])");
    }

    [Fact]
    public void Duplicate_outcome_ids_within_a_step_are_refused()
    {
        var json = Definition("""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit",
                "outcomes": [ { "id": "done", "title": "完成" }, { "id": "returned", "title": "退回" }, { "id": "done", "title": "再完成" } ] }
            ]
            """);

        SingleError(json, "$.steps[0].outcomes[2].id", "outcome 'done' is used twice");
    }

    [Fact]
    public void The_same_outcome_id_in_two_steps_is_allowed()
    {
        var json = Definition($$"""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": {{Done}}, "next": ["review"] },
              { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office", "outcomes": {{Done}} }
            ]
            """);

        Assert.Empty(Check(json));
    }

    // ---- References ----

    [Fact]
    public void Start_must_name_an_existing_step()
    {
        var json = Definition($$"""
            [ { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": {{Done}} } ]
            """, start: "drafting");

        SingleError(json, "$.start", "step 'drafting' does not exist");
    }

    [Fact]
    public void Next_must_name_existing_steps()
    {
        var json = Definition($$"""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": {{Done}}, "next": ["review"] },
              { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office", "outcomes": {{Done}},
                "next": ["draft", "publish"] }
            ]
            """);

        SingleError(json, "$.steps[1].next[1]", "step 'publish' does not exist");
    }

    [Fact]
    public void Otherwise_must_name_existing_steps()
    {
        var json = Definition($$"""
            [
              { "id": "draft", "kind": "gate", "title": "分流", "condition": "technical", "next": ["review"], "otherwise": ["fast-track"] },
              { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office", "outcomes": {{Done}} }
            ]
            """);

        SingleError(json, "$.steps[0].otherwise[0]", "step 'fast-track' does not exist");
    }

    [Fact]
    public void Join_must_name_existing_steps()
    {
        var json = Definition($$"""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": {{Done}}, "next": ["review"] },
              { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office", "outcomes": {{Done}},
                "join": ["draft", "expert-opinion"] }
            ]
            """);

        SingleError(json, "$.steps[1].join[1]", "step 'expert-opinion' does not exist");
    }

    [Fact]
    public void Outcome_next_must_name_existing_steps()
    {
        var json = Definition($$"""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": {{Done}}, "next": ["review"] },
              { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office",
                "outcomes": [ { "id": "lawful", "title": "合法", "next": [] }, { "id": "needs-revision", "title": "需修改", "next": ["draft-revison"] } ] }
            ]
            """);

        SingleError(json, "$.steps[1].outcomes[1].next[0]", "step 'draft-revison' does not exist");
    }

    [Fact]
    public void A_step_cannot_join_on_itself()
    {
        var json = Definition($$"""
            [ { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": {{Done}}, "join": ["draft"] } ]
            """);

        SingleError(json, "$.steps[0].join", "a step cannot wait for itself");
    }

    // ---- Graph ----

    [Fact]
    public void An_unreachable_step_is_refused()
    {
        var json = Definition($$"""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": {{Done}}, "next": [] },
              { "id": "orphan", "kind": "humanTask", "title": "孤立", "role": "legality-reviewer", "organization": "legality-review-office", "outcomes": {{Done}} }
            ]
            """);

        SingleError(json, "$.steps[1]", "step 'orphan' can never be reached from the start step 'draft'");
    }

    [Fact]
    public void A_step_reachable_only_through_a_gate_otherwise_branch_is_reachable()
    {
        var json = Definition($$"""
            [
              { "id": "draft", "kind": "gate", "title": "分流", "condition": "urgent", "next": [], "otherwise": ["review"] },
              { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office", "outcomes": {{Done}} }
            ]
            """);

        Assert.Empty(Check(json));
    }

    [Fact]
    public void A_loop_with_no_way_out_is_refused()
    {
        var json = Definition("""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit",
                "outcomes": [ { "id": "done", "title": "完成", "next": ["review"] } ] },
              { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office",
                "outcomes": [ { "id": "needs-revision", "title": "需修改", "next": ["draft"] } ] }
            ]
            """);

        SingleError(json, "$.steps[0]", "the loop draft → review has no way out");
    }

    [Fact]
    public void A_loop_is_left_by_an_outcome_that_falls_back_to_an_empty_step_next()
    {
        // The outcome "lawful" has no next of its own, so it uses the step's next, which is [] (the branch ends).
        var json = Definition("""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit",
                "outcomes": [ { "id": "done", "title": "完成", "next": ["review"] } ] },
              { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office",
                "outcomes": [ { "id": "lawful", "title": "合法" }, { "id": "needs-revision", "title": "需修改", "next": ["draft"] } ] }
            ]
            """);

        Assert.Empty(Check(json));
    }

    [Fact]
    public void A_loop_is_left_by_a_conditional_step_that_can_be_skipped_to_the_end()
    {
        var json = Definition("""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit",
                "outcomes": [ { "id": "done", "title": "完成", "next": ["review"] } ] },
              { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office",
                "when": "technical", "next": [],
                "outcomes": [ { "id": "needs-revision", "title": "需修改", "next": ["draft"] } ] }
            ]
            """);

        Assert.Empty(Check(json));
    }

    [Fact]
    public void A_self_loop_with_no_way_out_is_refused()
    {
        var json = Definition("""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit",
                "outcomes": [ { "id": "again", "title": "再拟", "next": ["draft"] } ] }
            ]
            """);

        SingleError(json, "$.steps[0]", "the loop draft has no way out");
    }

    [Fact]
    public void A_loop_of_only_automatic_and_gate_steps_is_refused()
    {
        var json = Definition($$"""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": {{Done}}, "next": ["tick"] },
              { "id": "tick", "kind": "automatic", "title": "计数", "next": ["check"] },
              { "id": "check", "kind": "gate", "title": "检查", "condition": "urgent", "next": ["review"], "otherwise": ["tick"] },
              { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office", "outcomes": {{Done}} }
            ]
            """);

        SingleError(json, "$.steps[1]", "the loop tick → check never waits for a person or a timer");
    }

    [Fact]
    public void A_loop_through_a_timer_may_consist_of_non_human_steps()
    {
        var json = Definition($$"""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": {{Done}}, "next": ["wait"] },
              { "id": "wait", "kind": "timer", "title": "等待", "duration": { "days": 1, "counting": "workingDays" }, "next": ["check"] },
              { "id": "check", "kind": "gate", "title": "检查", "condition": "urgent", "next": [], "otherwise": ["wait"] }
            ]
            """);

        Assert.Empty(Check(json));
    }

    [Fact]
    public void A_join_on_a_step_that_never_leads_to_the_joining_step_is_refused()
    {
        var json = Definition($$"""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": {{Done}},
                "next": ["expert-opinion", "notice"] },
              { "id": "expert-opinion", "kind": "humanTask", "title": "专家论证", "role": "expert", "organization": "expert-pool", "outcomes": {{Done}}, "next": ["review"] },
              { "id": "notice", "kind": "automatic", "title": "通知", "next": [] },
              { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office", "outcomes": {{Done}},
                "join": ["expert-opinion", "notice"] }
            ]
            """);

        SingleError(json, "$.steps[3].join[1]", "waits for 'notice', which never leads to 'review'");
    }

    [Fact]
    public void A_join_on_a_step_that_leads_there_indirectly_is_accepted()
    {
        var json = Definition($$"""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": {{Done}},
                "next": ["expert-opinion", "notice"] },
              { "id": "expert-opinion", "kind": "humanTask", "title": "专家论证", "role": "expert", "organization": "expert-pool", "outcomes": {{Done}}, "next": ["review"] },
              { "id": "notice", "kind": "automatic", "title": "通知", "next": ["relay"] },
              { "id": "relay", "kind": "automatic", "title": "转交", "next": ["review"] },
              { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office", "outcomes": {{Done}},
                "join": ["expert-opinion", "notice"] }
            ]
            """);

        Assert.Empty(Check(json));
    }

    // ---- Human tasks and vocabulary ----

    [Fact]
    public void A_human_task_needs_a_role()
    {
        var json = Definition($$"""
            [ { "id": "draft", "kind": "humanTask", "title": "拟稿", "organization": "drafting-unit", "outcomes": {{Done}} } ]
            """);

        SingleError(json, "$.steps[0].role", "a human task needs the role that performs it");
    }

    [Fact]
    public void A_human_task_needs_an_organization()
    {
        var json = Definition($$"""
            [ { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "outcomes": {{Done}} } ]
            """);

        SingleError(json, "$.steps[0].organization", "a human task needs the organization scope");
    }

    [Fact]
    public void A_human_task_needs_at_least_one_outcome()
    {
        var json = Definition("""
            [ { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": [] } ]
            """);

        SingleError(json, "$.steps[0].outcomes", "a human task needs at least one outcome");
    }

    [Fact]
    public void A_human_task_without_outcomes_field_needs_at_least_one_outcome()
    {
        var json = Definition("""
            [ { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit" } ]
            """);

        SingleError(json, "$.steps[0].outcomes", "a human task needs at least one outcome");
    }

    [Fact]
    public void An_unknown_role_is_refused_listing_the_known_roles()
    {
        var json = Definition($$"""
            [ { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafter", "organization": "drafting-unit", "outcomes": {{Done}} } ]
            """);

        SingleError(json, "$.steps[0].role", "unknown role 'drafter' (known: drafting-officer, expert, legality-reviewer)");
    }

    [Fact]
    public void An_unknown_scope_is_refused_listing_the_known_scopes()
    {
        var json = Definition($$"""
            [ { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-office", "outcomes": {{Done}} } ]
            """);

        SingleError(json, "$.steps[0].organization", "unknown organization scope 'drafting-office' (known: drafting-unit, expert-pool, legality-review-office)");
    }

    [Fact]
    public void Without_a_vocabulary_any_role_and_scope_are_accepted()
    {
        var json = Definition($$"""
            [ { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafter", "organization": "drafting-office", "outcomes": {{Done}} } ]
            """);

        Assert.Empty(DefinitionLoader.Check(json, FileName, vocabulary: null));
    }

    // ---- Conditions name declared attributes ----

    [Fact]
    public void A_when_naming_an_undeclared_attribute_is_refused()
    {
        var json = Definition($$"""
            [ { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": {{Done}},
                "when": "urgent || technicl" } ]
            """);

        SingleError(json, "$.steps[0].when", "attribute 'technicl' is not declared in $.attributes");
    }

    [Fact]
    public void A_gate_condition_naming_an_undeclared_attribute_is_refused()
    {
        var json = Definition($$"""
            [
              { "id": "draft", "kind": "gate", "title": "分流", "condition": "!notDisclosable", "next": ["review"] },
              { "id": "review", "kind": "humanTask", "title": "审查", "role": "legality-reviewer", "organization": "legality-review-office", "outcomes": {{Done}} }
            ]
            """);

        SingleError(json, "$.steps[0].condition", "attribute 'notDisclosable' is not declared in $.attributes");
    }

    [Fact]
    public void An_undeclared_attribute_used_twice_in_one_condition_is_reported_once()
    {
        var json = Definition($$"""
            [ { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": {{Done}},
                "when": "secret || (urgent && secret)" } ]
            """);

        SingleError(json, "$.steps[0].when", "attribute 'secret' is not declared");
    }

    // ---- Fields only where they apply ----

    [Theory]
    [InlineData("'kind': 'automatic', 'role': 'drafting-officer'", "$.steps[1].role", "only human tasks have a role")]
    [InlineData("'kind': 'automatic', 'organization': 'drafting-unit'", "$.steps[1].organization", "only human tasks have an organization")]
    [InlineData("'kind': 'timer', 'duration': { 'days': 1, 'counting': 'calendar' }, 'outcomes': [ { 'id': 'done', 'title': '完成' } ]", "$.steps[1].outcomes", "only human tasks have outcomes")]
    [InlineData("'kind': 'gate', 'condition': 'urgent', 'due': { 'days': 15, 'counting': 'calendar' }", "$.steps[1].due", "only human tasks have a due date")]
    [InlineData("'kind': 'automatic', 'minimum': { 'days': 7, 'counting': 'workingDays' }", "$.steps[1].minimum", "only human tasks have a minimum period")]
    [InlineData("'kind': 'humanTask', 'role': 'expert', 'organization': 'expert-pool', 'outcomes': [ { 'id': 'done', 'title': '完成' } ], 'duration': { 'days': 1, 'counting': 'calendar' }", "$.steps[1].duration", "only timers have a duration")]
    [InlineData("'kind': 'automatic', 'duration': { 'days': 1, 'counting': 'calendar' }", "$.steps[1].duration", "only timers have a duration")]
    [InlineData("'kind': 'humanTask', 'role': 'expert', 'organization': 'expert-pool', 'outcomes': [ { 'id': 'done', 'title': '完成' } ], 'condition': 'urgent'", "$.steps[1].condition", "only gates have a condition")]
    [InlineData("'kind': 'timer', 'duration': { 'days': 1, 'counting': 'calendar' }, 'otherwise': ['draft']", "$.steps[1].otherwise", "only gates have \"otherwise\"")]
    [InlineData("'kind': 'timer'", "$.steps[1].duration", "a timer needs a duration")]
    [InlineData("'kind': 'gate'", "$.steps[1].condition", "a gate needs a condition")]
    public void Kind_specific_fields_are_refused_on_other_kinds(string subject, string path, string phrase)
    {
        var json = Definition($$"""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafting-officer", "organization": "drafting-unit", "outcomes": {{Done}},
                "next": ["subject"] },
              { "id": "subject", "title": "受检步骤", {{subject.Replace('\'', '"')}}, "next": [] }
            ]
            """);

        SingleError(json, path, phrase);
    }

    [Fact]
    public void Errors_of_several_steps_are_reported_together()
    {
        var json = Definition($$"""
            [
              { "id": "draft", "kind": "humanTask", "title": "拟稿", "role": "drafter", "organization": "drafting-unit", "outcomes": {{Done}}, "next": ["review"] },
              { "id": "review", "kind": "automatic", "title": "审查", "role": "legality-reviewer", "when": "secret", "next": ["publish"] }
            ]
            """);

        var errors = Check(json);

        Assert.Equal(4, errors.Count);
        Assert.All(errors, e => Assert.Equal(FileName, e.File));
        HasError(errors, "$.steps[0].role", "unknown role 'drafter'");
        HasError(errors, "$.steps[1].role", "only human tasks have a role");
        HasError(errors, "$.steps[1].when", "attribute 'secret' is not declared");
        HasError(errors, "$.steps[1].next[0]", "step 'publish' does not exist");
    }
}
