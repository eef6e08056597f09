using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RuleOfLaw.Workflow.Server.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SubProcedureMatters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ParentInstanceId",
                table: "Matters",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ParentIteration",
                table: "Matters",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ParentStepId",
                table: "Matters",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Matters_ParentInstanceId",
                table: "Matters",
                column: "ParentInstanceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Matters_ParentInstanceId",
                table: "Matters");

            migrationBuilder.DropColumn(
                name: "ParentInstanceId",
                table: "Matters");

            migrationBuilder.DropColumn(
                name: "ParentIteration",
                table: "Matters");

            migrationBuilder.DropColumn(
                name: "ParentStepId",
                table: "Matters");
        }
    }
}
