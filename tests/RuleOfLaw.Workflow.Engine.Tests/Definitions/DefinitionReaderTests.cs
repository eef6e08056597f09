using System.Text.Json.Nodes;
using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;
using static RuleOfLaw.Workflow.Engine.Tests.Definitions.DefinitionAssert;

namespace RuleOfLaw.Workflow.Engine.Tests.Definitions;

/// <summary>Shape errors: what the reader reports before any graph rule runs.</summary>
public sealed class DefinitionReaderTests
{
    private const string Valid = """
        {
          "id": "sample-review",
          "version": 1,
          "title": "示例审查",
          "titleEn": "Sample review",
          "legalBasis": "《重大行政决策程序暂行条例》（国务院令第713号）",
          "attributes": [ { "name": "technical", "title": "专业性、技术性较强", "article": "第十九条" } ],
          "start": "drafting",
          "steps": [
            {
              "id": "drafting", "kind": "humanTask", "title": "拟订草案", "article": "第十二条",
              "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "done", "title": "已拟订" } ],
              "next": ["review"]
            },
            {
              "id": "review", "kind": "humanTask", "title": "合法性审查", "article": "第二十六条",
              "role": "legality-reviewer", "organization": "legality-review-office",
              "when": "technical",
              "minimum": { "days": 7, "counting": "workingDays" },
              "due": { "days": 15, "counting": "calendar" },
              "outcomes": [
                { "id": "lawful", "title": "合法", "next": [], "article": "第二十八条" },
                { "id": "needs-revision", "title": "需修改完善", "next": ["drafting"], "commentRequired": true }
              ],
              "next": []
            }
          ]
        }
        """;

    /// <summary>The valid text with one change made at a slash-separated location such as <c>steps/1/kind</c>.</summary>
    private static string With(string location, JsonNode? value) => Edit(location, (parent, key) =>
    {
        if (parent is JsonArray array)
        {
            array[int.Parse(key)] = value;
        }
        else
        {
            parent[key] = value;
        }
    });

    private static string Without(string location) => Edit(location, (parent, key) => parent.AsObject().Remove(key));

    private static string Edit(string location, Action<JsonNode, string> edit)
    {
        var root = JsonNode.Parse(Valid)!;
        var parts = location.Split('/');
        var parent = parts[..^1].Aggregate(root, (node, part) => int.TryParse(part, out var i) ? node[i]! : node[part]!);
        edit(parent, parts[^1]);
        return root.ToJsonString();
    }

    [Fact]
    public void The_base_text_is_valid()
    {
        // Every test below changes one thing in it; if it were invalid already, they would prove nothing.
        Assert.Empty(Check(Valid));
    }

    [Theory]
    [InlineData("minimun", "$.minimun")]
    [InlineData("steps/1/minimun", "$.steps[1].minimun")]
    [InlineData("steps/1/due/dayz", "$.steps[1].due.dayz")]
    [InlineData("steps/1/outcomes/1/commentRequried", "$.steps[1].outcomes[1].commentRequried")]
    [InlineData("attributes/0/articel", "$.attributes[0].articel")]
    public void An_unknown_property_is_an_error_at_its_path(string location, string path)
    {
        // Dropping it would silently change the procedure: a misspelt minimum is no minimum at all.
        var error = SingleError(With(location, JsonNode.Parse("""{ "days": 7, "counting": "workingDays" }""")), path, "unknown property");
        Assert.Contains($"'{location.Split('/')[^1]}'", error.Problem);
    }

    [Fact]
    public void The_schema_reference_is_accepted()
    {
        Assert.Empty(Check(With("$schema", "./schema/procedure-definition.schema.json")));
    }

    [Fact]
    public void Invalid_json_names_the_line_and_position()
    {
        const string json = """
            {
              "id": "sample-review",
              "version": 1
              "title": "示例审查"
            }
            """;

        var error = SingleError(json, "$", "not valid JSON (line 4, position 3)");

        Assert.Equal(FileName, error.File);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_tolerated()
    {
        var json = Valid.Replace("\"version\": 1,", "\"version\": 1, // pinned by instances").Replace("\"next\": []\n    }", "\"next\": [],\n    }");

        Assert.Contains("// pinned", json);
        Assert.Contains("\"next\": [],\n    }", json);
        Assert.Empty(Check(json));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"major-administrative-decision\"")]
    [InlineData("42")]
    public void The_root_must_be_an_object(string json)
    {
        SingleError(json, "$", "must be a JSON object");
    }

    [Theory]
    [InlineData("id", "$.id")]
    [InlineData("version", "$.version")]
    [InlineData("title", "$.title")]
    [InlineData("legalBasis", "$.legalBasis")]
    [InlineData("start", "$.start")]
    [InlineData("steps", "$.steps")]
    [InlineData("steps/0/id", "$.steps[0].id")]
    [InlineData("steps/0/kind", "$.steps[0].kind")]
    [InlineData("steps/1/title", "$.steps[1].title")]
    [InlineData("attributes/0/name", "$.attributes[0].name")]
    [InlineData("attributes/0/title", "$.attributes[0].title")]
    [InlineData("steps/1/outcomes/1/id", "$.steps[1].outcomes[1].id")]
    [InlineData("steps/0/outcomes/0/title", "$.steps[0].outcomes[0].title")]
    public void A_missing_required_field_is_reported_at_its_path(string location, string path)
    {
        SingleError(Without(location), path, "required");
    }

    [Theory]
    [InlineData("title", "$.title")]
    [InlineData("legalBasis", "$.legalBasis")]
    [InlineData("steps/0/id", "$.steps[0].id")]
    [InlineData("steps/1/outcomes/0/title", "$.steps[1].outcomes[0].title")]
    public void A_required_string_may_not_be_empty(string location, string path)
    {
        SingleError(With(location, "  "), path, "must be a non-empty string");
    }

    [Theory]
    [InlineData("start", "$.start")]
    [InlineData("steps/1/kind", "$.steps[1].kind")]
    public void A_required_field_set_to_null_is_reported_as_required(string location, string path)
    {
        SingleError(With(location, null), path, "required");
    }

    [Fact]
    public void A_required_string_may_not_be_a_number()
    {
        SingleError(With("id", 7), "$.id", "must be a non-empty string");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("\"1\"")]
    public void Version_must_be_a_whole_number_at_least_1(string version)
    {
        SingleError(With("version", JsonNode.Parse(version)), "$.version", "a whole number, at least 1");
    }

    [Fact]
    public void An_unknown_kind_is_reported_with_the_known_kinds()
    {
        var error = SingleError(With("steps/1/kind", "meeting"), "$.steps[1].kind", "unknown step kind 'meeting'");

        Assert.Contains("humanTask, automatic, timer, gate, event or subProcedure", error.Problem);
    }

    [Fact]
    public void Kind_names_are_case_sensitive()
    {
        SingleError(With("steps/0/kind", "HumanTask"), "$.steps[0].kind", "unknown step kind 'HumanTask'");
    }

    [Fact]
    public void Steps_must_be_an_array_of_objects()
    {
        SingleError(With("steps", new JsonObject()), "$.steps", "must be an array");
        SingleError(With("steps/1", "review"), "$.steps[1]", "must be an object");
    }

    [Fact]
    public void Next_must_be_an_array_of_step_ids()
    {
        SingleError(With("steps/0/next", "review"), "$.steps[0].next", "must be an array of step ids");
        SingleError(With("steps/0/next", new JsonArray("review", "")), "$.steps[0].next[1]", "must be a step id (a non-empty string)");
        SingleError(With("steps/1/outcomes/1/next", new JsonArray(3)), "$.steps[1].outcomes[1].next[0]", "must be a step id");
    }

    [Fact]
    public void CommentRequired_must_be_a_boolean()
    {
        SingleError(With("steps/1/outcomes/1/commentRequired", "yes"), "$.steps[1].outcomes[1].commentRequired", "must be true or false");
    }

    // ---- Periods ----

    [Fact]
    public void Period_days_0_is_refused()
    {
        SingleError(With("steps/1/due/days", 0), "$.steps[1].due.days", "must be a whole number of days, at least 1");
    }

    [Fact]
    public void Period_days_given_as_a_string_is_refused()
    {
        SingleError(With("steps/1/minimum/days", "7"), "$.steps[1].minimum.days", "must be a whole number of days, at least 1");
    }

    [Fact]
    public void Period_days_with_a_fraction_is_refused()
    {
        SingleError(With("steps/1/due/days", 1.5), "$.steps[1].due.days", "must be a whole number of days, at least 1");
    }

    [Fact]
    public void Period_with_an_unknown_counting_is_refused()
    {
        SingleError(With("steps/1/minimum/counting", "weekdays"), "$.steps[1].minimum.counting", "unknown counting 'weekdays' (expected calendar or workingDays)");
    }

    [Fact]
    public void Period_without_counting_is_refused()
    {
        SingleError(Without("steps/1/due/counting"), "$.steps[1].due.counting", "required: calendar or workingDays");
    }

    [Fact]
    public void Period_that_is_not_an_object_is_refused()
    {
        SingleError(With("steps/1/due", 15), "$.steps[1].due", "a period must be an object");
    }

    [Fact]
    public void Periods_are_read_with_their_counting()
    {
        var definition = DefinitionLoader.Parse(Valid, FileName, Vocabulary);

        Assert.Equal(new Period(7, DayCounting.WorkingDays), definition.Step("review").Minimum);
        Assert.Equal(new Period(15, DayCounting.Calendar), definition.Step("review").Due);
    }

    // ---- Conditions ----

    [Fact]
    public void A_condition_that_does_not_parse_is_reported_with_its_column()
    {
        SingleError(With("steps/1/when", "technical &&"), "$.steps[1].when", "condition does not parse: expected an attribute name at the end (column 13");
    }

    [Fact]
    public void A_gate_condition_that_does_not_parse_is_reported_at_condition()
    {
        var json = With("steps/1", JsonNode.Parse("""{ "id": "review", "kind": "gate", "title": "分流", "condition": "(technical", "next": [] }"""));

        SingleError(json, "$.steps[1].condition", "missing ')'");
    }

    // ---- All shape problems in one round ----

    [Fact]
    public void Every_shape_problem_of_a_file_is_reported_at_once()
    {
        const string json = """
            {
              "id": "sample",
              "version": 0,
              "title": "示例",
              "legalBasis": "测试",
              "start": "a",
              "steps": [
                { "id": "a", "kind": "loop", "title": "甲" },
                { "id": "b", "kind": "humanTask", "title": "乙", "due": { "days": 0, "counting": "calendar" }, "when": "x ||" }
              ]
            }
            """;

        var errors = Check(json);

        Assert.Equal(4, errors.Count);
        Assert.All(errors, e => Assert.Equal(FileName, e.File));
        HasError(errors, "$.version", "at least 1");
        HasError(errors, "$.steps[0].kind", "unknown step kind 'loop'");
        HasError(errors, "$.steps[1].due.days", "at least 1");
        HasError(errors, "$.steps[1].when", "condition does not parse");
    }
}
