IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [ArchiveRecords] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [TaskId] uniqueidentifier NOT NULL,
        [ArchivedOn] date NOT NULL,
        [DossierNumber] nvarchar(100) NULL,
        [ChecklistJson] nvarchar(max) NOT NULL,
        [DueOn] date NULL,
        [DaysLate] int NOT NULL,
        [RecordedBy] nvarchar(450) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ArchiveRecords] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [DisplayName] nvarchar(200) NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [DecisionEvaluations] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [DecisionOrganId] nvarchar(64) NOT NULL,
        [Year] int NOT NULL,
        [Trigger] nvarchar(40) NOT NULL,
        [EvaluatorOrganizationId] nvarchar(64) NOT NULL,
        [Note] nvarchar(max) NULL,
        [StartedBy] nvarchar(450) NOT NULL,
        [StartedAt] datetimeoffset NOT NULL,
        [Outcome] nvarchar(20) NULL,
        [Conclusion] nvarchar(max) NULL,
        [CompletedBy] nvarchar(450) NULL,
        [CompletedAt] datetimeoffset NULL,
        CONSTRAINT [PK_DecisionEvaluations] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [DecisionPublications] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [TaskId] uniqueidentifier NOT NULL,
        [ChannelsJson] nvarchar(max) NOT NULL,
        [PublishedOn] date NOT NULL,
        [OpinionsUse] nvarchar(max) NULL,
        [DueOn] date NULL,
        [DaysLate] int NOT NULL,
        [RecordedBy] nvarchar(450) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_DecisionPublications] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [ExecutionEvents] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [Text] nvarchar(max) NOT NULL,
        [RecordedBy] nvarchar(450) NOT NULL,
        [RecordedByName] nvarchar(200) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ExecutionEvents] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [Experts] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Field] nvarchar(200) NOT NULL,
        [Employer] nvarchar(200) NOT NULL,
        [EmployerOrganizationId] nvarchar(64) NULL,
        [GovernmentEmployed] bit NOT NULL,
        [UserId] nvarchar(450) NULL,
        [CreatedBy] nvarchar(450) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Experts] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [FilingRecords] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [TaskId] uniqueidentifier NOT NULL,
        [RecipientId] nvarchar(64) NOT NULL,
        [RecipientName] nvarchar(200) NOT NULL,
        [IssuedOn] date NOT NULL,
        [DueOn] date NOT NULL,
        [DueRule] nvarchar(max) NOT NULL,
        [SubmittedOn] date NOT NULL,
        [ReceiptNumber] nvarchar(100) NULL,
        [ReceivedOn] date NULL,
        [DaysLate] int NOT NULL,
        [RecordedBy] nvarchar(450) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_FilingRecords] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [JournalCheckpoints] (
        [Number] bigint NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [InstanceCount] int NOT NULL,
        [HashAlgorithm] nvarchar(16) NOT NULL,
        [MerkleRoot] nvarchar(64) NOT NULL,
        [SignatureAlgorithm] nvarchar(16) NOT NULL,
        [KeyId] nvarchar(64) NOT NULL,
        [PublicKey] nvarchar(200) NOT NULL,
        [Signature] nvarchar(200) NOT NULL,
        [LeavesJson] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_JournalCheckpoints] PRIMARY KEY ([Number])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [MailOutbox] (
        [Id] uniqueidentifier NOT NULL,
        [EventKey] nvarchar(300) NOT NULL,
        [Kind] nvarchar(64) NOT NULL,
        [UserId] nvarchar(450) NULL,
        [ToAddress] nvarchar(256) NOT NULL,
        [Subject] nvarchar(500) NOT NULL,
        [Body] nvarchar(max) NOT NULL,
        [MatterId] uniqueidentifier NULL,
        [Status] nvarchar(16) NOT NULL,
        [Digest] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [NextAttemptAt] bigint NOT NULL,
        [Attempts] int NOT NULL,
        [LastError] nvarchar(2000) NULL,
        [SentAt] datetimeoffset NULL,
        CONSTRAINT [PK_MailOutbox] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [MailPreferences] (
        [UserId] nvarchar(450) NOT NULL,
        [Delivery] nvarchar(16) NOT NULL,
        [Language] nvarchar(8) NOT NULL,
        CONSTRAINT [PK_MailPreferences] PRIMARY KEY ([UserId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [MatterLinks] (
        [Id] uniqueidentifier NOT NULL,
        [OriginalMatterId] uniqueidentifier NOT NULL,
        [NewMatterId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [Reason] nvarchar(max) NOT NULL,
        [CreatedBy] nvarchar(450) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_MatterLinks] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [Meetings] (
        [Id] uniqueidentifier NOT NULL,
        [DecisionOrganId] nvarchar(64) NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [Date] date NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [AttendanceJson] nvarchar(max) NULL,
        [CreatedBy] nvarchar(450) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Meetings] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [Organizations] (
        [Id] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [NameEn] nvarchar(200) NULL,
        [Kind] nvarchar(64) NOT NULL,
        [ParentId] nvarchar(64) NULL,
        [JurisdictionId] nvarchar(64) NULL,
        CONSTRAINT [PK_Organizations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Organizations_Organizations_ParentId] FOREIGN KEY ([ParentId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [PartyCommitteeReports] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [TaskId] uniqueidentifier NOT NULL,
        [ReportedOn] date NOT NULL,
        [Form] nvarchar(40) NOT NULL,
        [ReplyNote] nvarchar(max) NULL,
        [RecordedBy] nvarchar(450) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_PartyCommitteeReports] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [ProcedureDefinitions] (
        [DefinitionId] nvarchar(64) NOT NULL,
        [Version] int NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [Json] nvarchar(max) NOT NULL,
        [ContentHash] nvarchar(64) NOT NULL,
        [InstalledAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ProcedureDefinitions] PRIMARY KEY ([DefinitionId], [Version])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [ProcessedCommands] (
        [Key] nvarchar(300) NOT NULL,
        [RequestHash] nvarchar(64) NOT NULL,
        [InstanceId] uniqueidentifier NULL,
        [StatusCode] int NOT NULL,
        [ResponseJson] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ProcessedCommands] PRIMARY KEY ([Key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [PublicObjections] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [ReceiptNumber] nvarchar(32) NOT NULL,
        [Text] nvarchar(max) NOT NULL,
        [SubmitterName] nvarchar(100) NULL,
        [Contact] nvarchar(200) NULL,
        [ClientKey] nvarchar(100) NULL,
        [RequestHash] nvarchar(64) NOT NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_PublicObjections] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [ScheduledTimers] (
        [Id] uniqueidentifier NOT NULL,
        [Kind] nvarchar(64) NOT NULL,
        [InstanceId] uniqueidentifier NULL,
        [MatterId] uniqueidentifier NULL,
        [TaskId] uniqueidentifier NULL,
        [StepId] nvarchar(64) NULL,
        [DueAt] bigint NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [PayloadJson] nvarchar(max) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [FiredAt] datetimeoffset NULL,
        [Note] nvarchar(2000) NULL,
        CONSTRAINT [PK_ScheduledTimers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [SignerKeys] (
        [Id] nvarchar(64) NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [Algorithm] nvarchar(16) NOT NULL,
        [PublicKey] nvarchar(200) NOT NULL,
        [EncryptedPrivateKey] nvarchar(max) NOT NULL,
        [EncryptionAlgorithm] nvarchar(16) NOT NULL,
        [EncryptionKeyId] nvarchar(64) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_SignerKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [ApiTokens] (
        [Id] uniqueidentifier NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [TokenHash] nvarchar(64) NOT NULL,
        [Prefix] nvarchar(16) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [ExpiresAt] datetimeoffset NULL,
        [RevokedAt] datetimeoffset NULL,
        CONSTRAINT [PK_ApiTokens] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ApiTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [EvaluationInputs] (
        [Id] uniqueidentifier NOT NULL,
        [EvaluationId] uniqueidentifier NOT NULL,
        [Source] nvarchar(40) NOT NULL,
        [SourceName] nvarchar(200) NULL,
        [Text] nvarchar(max) NOT NULL,
        [RecordedBy] nvarchar(450) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_EvaluationInputs] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_EvaluationInputs_DecisionEvaluations_EvaluationId] FOREIGN KEY ([EvaluationId]) REFERENCES [DecisionEvaluations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [AgendaItems] (
        [Id] uniqueidentifier NOT NULL,
        [MeetingId] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [SchedulingTaskId] uniqueidentifier NOT NULL,
        [Position] int NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [Outcome] nvarchar(64) NULL,
        [MaterialsJson] nvarchar(max) NOT NULL,
        [CreatedBy] nvarchar(450) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [DecidedAt] datetimeoffset NULL,
        CONSTRAINT [PK_AgendaItems] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AgendaItems_Meetings_MeetingId] FOREIGN KEY ([MeetingId]) REFERENCES [Meetings] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [Matters] (
        [Id] uniqueidentifier NOT NULL,
        [Number] nvarchar(32) NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [Summary] nvarchar(4000) NULL,
        [Category] nvarchar(64) NULL,
        [DefinitionId] nvarchar(64) NOT NULL,
        [DecisionOrganId] nvarchar(64) NOT NULL,
        [DraftingUnitId] nvarchar(64) NOT NULL,
        [JurisdictionId] nvarchar(64) NOT NULL DEFAULT N'default',
        [AttributesJson] nvarchar(max) NOT NULL,
        [AssignmentsJson] nvarchar(max) NOT NULL,
        [CreatedBy] nvarchar(450) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_Matters] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Matters_Organizations_DecisionOrganId] FOREIGN KEY ([DecisionOrganId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Matters_Organizations_DraftingUnitId] FOREIGN KEY ([DraftingUnitId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [OrganizationMemberships] (
        [UserId] nvarchar(450) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Role] nvarchar(64) NOT NULL,
        CONSTRAINT [PK_OrganizationMemberships] PRIMARY KEY ([UserId], [OrganizationId], [Role]),
        CONSTRAINT [FK_OrganizationMemberships_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_OrganizationMemberships_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [MeetingStatements] (
        [Id] uniqueidentifier NOT NULL,
        [AgendaItemId] uniqueidentifier NOT NULL,
        [Sequence] int NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [UserName] nvarchar(200) NOT NULL,
        [Capacity] nvarchar(20) NOT NULL,
        [Position] nvarchar(64) NOT NULL,
        [Text] nvarchar(max) NOT NULL,
        [Reason] nvarchar(max) NULL,
        [RecordedBy] nvarchar(450) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_MeetingStatements] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MeetingStatements_AgendaItems_AgendaItemId] FOREIGN KEY ([AgendaItemId]) REFERENCES [AgendaItems] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [Consultations] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [DraftText] nvarchar(max) NOT NULL,
        [Explanation] nvarchar(max) NOT NULL,
        [DocumentVersionIdsJson] nvarchar(max) NOT NULL,
        [OpensAt] datetimeoffset NOT NULL,
        [ClosesAt] datetimeoffset NOT NULL,
        [MinimumClosesAt] datetimeoffset NOT NULL,
        [MinimumRule] nvarchar(1000) NOT NULL,
        [Shortened] bit NOT NULL,
        [UrgencyReason] nvarchar(2000) NULL,
        [PublishedBy] nvarchar(450) NOT NULL,
        [PublishedByName] nvarchar(200) NOT NULL,
        [PublishedAt] datetimeoffset NOT NULL,
        [CommentSequence] int NOT NULL,
        [SealedAt] datetimeoffset NULL,
        [ClosedAt] datetimeoffset NULL,
        [CommentCount] int NULL,
        [CommentsHash] nvarchar(64) NULL,
        [FeedbackSummary] nvarchar(max) NULL,
        [FeedbackPublishedAt] datetimeoffset NULL,
        [FeedbackPublishedBy] nvarchar(450) NULL,
        CONSTRAINT [PK_Consultations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Consultations_Matters_MatterId] FOREIGN KEY ([MatterId]) REFERENCES [Matters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [CounselOpinions] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [InstanceId] uniqueidentifier NOT NULL,
        [CounselTaskId] uniqueidentifier NOT NULL,
        [CounselKind] nvarchar(32) NOT NULL,
        [Text] nvarchar(max) NOT NULL,
        [Signature] nvarchar(200) NOT NULL,
        [SignatureAlgorithm] nvarchar(16) NOT NULL DEFAULT N'sha256-text',
        [SignerKeyId] nvarchar(64) NULL,
        [GivenBy] nvarchar(450) NOT NULL,
        [GivenByName] nvarchar(200) NOT NULL,
        [GivenAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_CounselOpinions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CounselOpinions_Matters_MatterId] FOREIGN KEY ([MatterId]) REFERENCES [Matters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [ExpertOpinions] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [InstanceId] uniqueidentifier NOT NULL,
        [ExpertId] uniqueidentifier NOT NULL,
        [Text] nvarchar(max) NOT NULL,
        [Signature] nvarchar(200) NOT NULL,
        [SignatureAlgorithm] nvarchar(16) NOT NULL DEFAULT N'sha256-text',
        [SignerKeyId] nvarchar(64) NULL,
        [SignedBy] nvarchar(450) NOT NULL,
        [SignedAt] datetimeoffset NOT NULL,
        [JournalSequence] bigint NOT NULL,
        CONSTRAINT [PK_ExpertOpinions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ExpertOpinions_Experts_ExpertId] FOREIGN KEY ([ExpertId]) REFERENCES [Experts] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ExpertOpinions_Matters_MatterId] FOREIGN KEY ([MatterId]) REFERENCES [Matters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [ExpertPanelMembers] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [InstanceId] uniqueidentifier NOT NULL,
        [ExpertId] uniqueidentifier NOT NULL,
        [InterestStatement] nvarchar(max) NOT NULL,
        [AddedBy] nvarchar(450) NOT NULL,
        [AddedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ExpertPanelMembers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ExpertPanelMembers_Experts_ExpertId] FOREIGN KEY ([ExpertId]) REFERENCES [Experts] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ExpertPanelMembers_Matters_MatterId] FOREIGN KEY ([MatterId]) REFERENCES [Matters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [FairCompetitionReviews] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [InstanceId] uniqueidentifier NOT NULL,
        [TaskId] uniqueidentifier NOT NULL,
        [Conclusion] nvarchar(32) NOT NULL,
        [Detail] nvarchar(max) NULL,
        [RecordedBy] nvarchar(450) NOT NULL,
        [RecordedByName] nvarchar(200) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        [JournalSequence] bigint NOT NULL,
        CONSTRAINT [PK_FairCompetitionReviews] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_FairCompetitionReviews_Matters_MatterId] FOREIGN KEY ([MatterId]) REFERENCES [Matters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [Hearings] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [ScheduledAt] datetimeoffset NOT NULL,
        [Place] nvarchar(200) NOT NULL,
        [SelectionMethod] nvarchar(2000) NOT NULL,
        [ParticipantsJson] nvarchar(max) NOT NULL,
        [MaterialsDueOn] date NOT NULL,
        [AnnouncedAt] datetimeoffset NOT NULL,
        [AnnouncedBy] nvarchar(450) NOT NULL,
        [MaterialsDeliveredAt] datetimeoffset NULL,
        [HeldAt] datetimeoffset NULL,
        [RecordSummary] nvarchar(max) NULL,
        [ConfirmationsJson] nvarchar(max) NOT NULL,
        [CancelledAt] datetimeoffset NULL,
        [CancelReason] nvarchar(2000) NULL,
        CONSTRAINT [PK_Hearings] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Hearings_Matters_MatterId] FOREIGN KEY ([MatterId]) REFERENCES [Matters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [LegalityFindings] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [InstanceId] uniqueidentifier NOT NULL,
        [ReviewTaskId] uniqueidentifier NOT NULL,
        [Authority] nvarchar(max) NOT NULL,
        [Procedure] nvarchar(max) NOT NULL,
        [Content] nvarchar(max) NOT NULL,
        [LegalRisk] nvarchar(max) NULL,
        [RecordedBy] nvarchar(450) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        [JournalSequence] bigint NOT NULL,
        CONSTRAINT [PK_LegalityFindings] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LegalityFindings_Matters_MatterId] FOREIGN KEY ([MatterId]) REFERENCES [Matters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [MatterDocuments] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(64) NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [LatestVersion] int NOT NULL,
        [CreatedBy] nvarchar(450) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_MatterDocuments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MatterDocuments_Matters_MatterId] FOREIGN KEY ([MatterId]) REFERENCES [Matters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [MatterInitiations] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [InstanceId] uniqueidentifier NOT NULL,
        [ProposalSource] nvarchar(32) NOT NULL,
        [ProposalDetail] nvarchar(max) NULL,
        [InCatalogue] bit NOT NULL,
        [CatalogueYear] int NULL,
        [CatalogueItem] nvarchar(200) NULL,
        [NotDisclosableGround] nvarchar(max) NULL,
        [UrgentReason] nvarchar(max) NULL,
        [RecordedBy] nvarchar(450) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        [JournalSequence] bigint NOT NULL,
        CONSTRAINT [PK_MatterInitiations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MatterInitiations_Matters_MatterId] FOREIGN KEY ([MatterId]) REFERENCES [Matters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [ParticipationActivities] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [Method] nvarchar(64) NOT NULL,
        [HeldOn] date NOT NULL,
        [Summary] nvarchar(max) NOT NULL,
        [ParticipantCount] int NULL,
        [SpecificGroup] bit NOT NULL,
        [GroupName] nvarchar(200) NULL,
        [RecordedBy] nvarchar(450) NOT NULL,
        [RecordedByName] nvarchar(200) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ParticipationActivities] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ParticipationActivities_Matters_MatterId] FOREIGN KEY ([MatterId]) REFERENCES [Matters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [RiskAssessmentReports] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [InstanceId] uniqueidentifier NOT NULL,
        [TaskId] uniqueidentifier NOT NULL,
        [RiskPointsJson] nvarchar(max) NULL,
        [Measures] nvarchar(max) NULL,
        [ContingencyPlan] nvarchar(max) NULL,
        [Conclusion] nvarchar(32) NULL,
        [Reference] nvarchar(max) NULL,
        [ReferenceValidUntil] date NULL,
        [RecordedBy] nvarchar(450) NOT NULL,
        [RecordedByName] nvarchar(200) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        [JournalSequence] bigint NOT NULL,
        CONSTRAINT [PK_RiskAssessmentReports] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RiskAssessmentReports_Matters_MatterId] FOREIGN KEY ([MatterId]) REFERENCES [Matters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [WorkflowInstances] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [DefinitionId] nvarchar(64) NOT NULL,
        [DefinitionVersion] int NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [StateJson] nvarchar(max) NOT NULL,
        [Version] bigint NOT NULL,
        [StartedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_WorkflowInstances] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WorkflowInstances_Matters_MatterId] FOREIGN KEY ([MatterId]) REFERENCES [Matters] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WorkflowInstances_ProcedureDefinitions] FOREIGN KEY ([DefinitionId], [DefinitionVersion]) REFERENCES [ProcedureDefinitions] ([DefinitionId], [Version]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [ConsultationComments] (
        [Id] uniqueidentifier NOT NULL,
        [ConsultationId] uniqueidentifier NOT NULL,
        [Sequence] int NOT NULL,
        [ReceiptNumber] nvarchar(64) NOT NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [SubmitterType] nvarchar(20) NOT NULL,
        [SubmitterName] nvarchar(200) NULL,
        [Contact] nvarchar(200) NULL,
        [Text] nvarchar(max) NOT NULL,
        [GroupKey] nvarchar(64) NOT NULL,
        [IdempotencyKey] nvarchar(100) NULL,
        [RequestHash] nvarchar(64) NOT NULL,
        [Hidden] bit NOT NULL,
        [HiddenReason] nvarchar(2000) NULL,
        [HiddenBy] nvarchar(450) NULL,
        [HiddenAt] datetimeoffset NULL,
        CONSTRAINT [PK_ConsultationComments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ConsultationComments_Consultations_ConsultationId] FOREIGN KEY ([ConsultationId]) REFERENCES [Consultations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [ExpertOpinionAdoptions] (
        [Id] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [OpinionId] uniqueidentifier NOT NULL,
        [Adoption] nvarchar(32) NOT NULL,
        [Reason] nvarchar(max) NULL,
        [RecordedBy] nvarchar(450) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        [JournalSequence] bigint NOT NULL,
        CONSTRAINT [PK_ExpertOpinionAdoptions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ExpertOpinionAdoptions_ExpertOpinions_OpinionId] FOREIGN KEY ([OpinionId]) REFERENCES [ExpertOpinions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [DocumentVersions] (
        [Id] uniqueidentifier NOT NULL,
        [DocumentId] uniqueidentifier NOT NULL,
        [Number] int NOT NULL,
        [FileName] nvarchar(200) NOT NULL,
        [ContentType] nvarchar(100) NOT NULL,
        [Length] bigint NOT NULL,
        [Sha256] nvarchar(64) NOT NULL,
        [Content] varbinary(max) NOT NULL,
        [Note] nvarchar(1000) NULL,
        [UploadedBy] nvarchar(450) NOT NULL,
        [UploadedByName] nvarchar(200) NOT NULL,
        [UploadedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_DocumentVersions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DocumentVersions_MatterDocuments_DocumentId] FOREIGN KEY ([DocumentId]) REFERENCES [MatterDocuments] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [JournalEntries] (
        [InstanceId] uniqueidentifier NOT NULL,
        [Sequence] bigint NOT NULL,
        [Type] nvarchar(64) NOT NULL,
        [StepId] nvarchar(64) NULL,
        [Iteration] int NULL,
        [TaskId] uniqueidentifier NULL,
        [ActorId] nvarchar(450) NOT NULL,
        [ActorName] nvarchar(200) NOT NULL,
        [OccurredAt] datetimeoffset NOT NULL,
        [Outcome] nvarchar(64) NULL,
        [Comment] nvarchar(max) NULL,
        [DataJson] nvarchar(max) NOT NULL,
        [PreviousHash] nvarchar(64) NOT NULL,
        [Hash] nvarchar(64) NOT NULL,
        [HashAlgorithm] nvarchar(16) NOT NULL DEFAULT N'sha256',
        [Mac] nvarchar(64) NULL,
        [MacAlgorithm] nvarchar(16) NULL,
        [MacKeyId] nvarchar(64) NULL,
        CONSTRAINT [PK_JournalEntries] PRIMARY KEY ([InstanceId], [Sequence]),
        CONSTRAINT [FK_JournalEntries_WorkflowInstances_InstanceId] FOREIGN KEY ([InstanceId]) REFERENCES [WorkflowInstances] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [WorkTasks] (
        [Id] uniqueidentifier NOT NULL,
        [InstanceId] uniqueidentifier NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [StepId] nvarchar(64) NOT NULL,
        [Iteration] int NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [Role] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [DueAt] datetimeoffset NULL,
        [CompletedAt] datetimeoffset NULL,
        [CompletedBy] nvarchar(450) NULL,
        [Outcome] nvarchar(64) NULL,
        CONSTRAINT [PK_WorkTasks] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WorkTasks_WorkflowInstances_InstanceId] FOREIGN KEY ([InstanceId]) REFERENCES [WorkflowInstances] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE TABLE [CommentResponses] (
        [Id] uniqueidentifier NOT NULL,
        [ConsultationId] uniqueidentifier NOT NULL,
        [CommentId] uniqueidentifier NULL,
        [GroupKey] nvarchar(64) NULL,
        [Decision] nvarchar(20) NOT NULL,
        [Reason] nvarchar(2000) NULL,
        [RespondedBy] nvarchar(450) NOT NULL,
        [RespondedByName] nvarchar(200) NOT NULL,
        [RespondedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_CommentResponses] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CommentResponses_ConsultationComments_CommentId] FOREIGN KEY ([CommentId]) REFERENCES [ConsultationComments] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CommentResponses_Consultations_ConsultationId] FOREIGN KEY ([ConsultationId]) REFERENCES [Consultations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_AgendaItems_MatterId] ON [AgendaItems] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_AgendaItems_MeetingId] ON [AgendaItems] ([MeetingId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AgendaItems_SchedulingTaskId] ON [AgendaItems] ([SchedulingTaskId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiTokens_TokenHash] ON [ApiTokens] ([TokenHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_ApiTokens_UserId] ON [ApiTokens] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_ArchiveRecords_MatterId] ON [ArchiveRecords] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ArchiveRecords_TaskId] ON [ArchiveRecords] ([TaskId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_CommentResponses_CommentId] ON [CommentResponses] ([CommentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_CommentResponses_ConsultationId] ON [CommentResponses] ([ConsultationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_ConsultationComments_ConsultationId_GroupKey] ON [ConsultationComments] ([ConsultationId], [GroupKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_ConsultationComments_ConsultationId_IdempotencyKey] ON [ConsultationComments] ([ConsultationId], [IdempotencyKey]) WHERE [IdempotencyKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ConsultationComments_ConsultationId_Sequence] ON [ConsultationComments] ([ConsultationId], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ConsultationComments_ReceiptNumber] ON [ConsultationComments] ([ReceiptNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_Consultations_MatterId] ON [Consultations] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_CounselOpinions_InstanceId] ON [CounselOpinions] ([InstanceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_CounselOpinions_MatterId] ON [CounselOpinions] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_DecisionEvaluations_DecisionOrganId_Year] ON [DecisionEvaluations] ([DecisionOrganId], [Year]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_DecisionEvaluations_MatterId] ON [DecisionEvaluations] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_DecisionPublications_MatterId] ON [DecisionPublications] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DecisionPublications_TaskId] ON [DecisionPublications] ([TaskId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DocumentVersions_DocumentId_Number] ON [DocumentVersions] ([DocumentId], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_EvaluationInputs_EvaluationId] ON [EvaluationInputs] ([EvaluationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_ExecutionEvents_MatterId] ON [ExecutionEvents] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_ExpertOpinionAdoptions_OpinionId] ON [ExpertOpinionAdoptions] ([OpinionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_ExpertOpinions_ExpertId] ON [ExpertOpinions] ([ExpertId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_ExpertOpinions_MatterId] ON [ExpertOpinions] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_ExpertPanelMembers_ExpertId] ON [ExpertPanelMembers] ([ExpertId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ExpertPanelMembers_MatterId_ExpertId] ON [ExpertPanelMembers] ([MatterId], [ExpertId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_Experts_UserId] ON [Experts] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_FairCompetitionReviews_InstanceId] ON [FairCompetitionReviews] ([InstanceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_FairCompetitionReviews_MatterId] ON [FairCompetitionReviews] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_FilingRecords_MatterId] ON [FilingRecords] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_FilingRecords_TaskId_RecipientId] ON [FilingRecords] ([TaskId], [RecipientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_Hearings_MatterId] ON [Hearings] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_LegalityFindings_InstanceId] ON [LegalityFindings] ([InstanceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_LegalityFindings_MatterId] ON [LegalityFindings] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MailOutbox_EventKey] ON [MailOutbox] ([EventKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_MailOutbox_Status_NextAttemptAt] ON [MailOutbox] ([Status], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_MatterDocuments_MatterId_Kind] ON [MatterDocuments] ([MatterId], [Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_MatterInitiations_MatterId] ON [MatterInitiations] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MatterLinks_NewMatterId] ON [MatterLinks] ([NewMatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_MatterLinks_OriginalMatterId] ON [MatterLinks] ([OriginalMatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_Matters_DecisionOrganId] ON [Matters] ([DecisionOrganId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_Matters_DraftingUnitId] ON [Matters] ([DraftingUnitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Matters_Number] ON [Matters] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_Meetings_DecisionOrganId] ON [Meetings] ([DecisionOrganId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MeetingStatements_AgendaItemId_UserId] ON [MeetingStatements] ([AgendaItemId], [UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_OrganizationMemberships_OrganizationId_Role] ON [OrganizationMemberships] ([OrganizationId], [Role]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_Organizations_ParentId] ON [Organizations] ([ParentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_ParticipationActivities_MatterId] ON [ParticipationActivities] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_PartyCommitteeReports_MatterId] ON [PartyCommitteeReports] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PartyCommitteeReports_TaskId] ON [PartyCommitteeReports] ([TaskId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_PublicObjections_MatterId_ClientKey] ON [PublicObjections] ([MatterId], [ClientKey]) WHERE [ClientKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PublicObjections_ReceiptNumber] ON [PublicObjections] ([ReceiptNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_RiskAssessmentReports_InstanceId] ON [RiskAssessmentReports] ([InstanceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_RiskAssessmentReports_MatterId] ON [RiskAssessmentReports] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_ScheduledTimers_InstanceId] ON [ScheduledTimers] ([InstanceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_ScheduledTimers_Status_DueAt] ON [ScheduledTimers] ([Status], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_SignerKeys_UserId] ON [SignerKeys] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_WorkflowInstances_DefinitionId_DefinitionVersion] ON [WorkflowInstances] ([DefinitionId], [DefinitionVersion]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WorkflowInstances_MatterId] ON [WorkflowInstances] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_WorkTasks_InstanceId] ON [WorkTasks] ([InstanceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    CREATE INDEX [IX_WorkTasks_OrganizationId_Role_Status] ON [WorkTasks] ([OrganizationId], [Role], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206141719_SqlServerInitial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206141719_SqlServerInitial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206150000_ReceivedCommentChannels'
)
BEGIN
    ALTER TABLE [ConsultationComments] ADD [Channel] nvarchar(16) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206150000_ReceivedCommentChannels'
)
BEGIN
    ALTER TABLE [ConsultationComments] ADD [EnteredAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206150000_ReceivedCommentChannels'
)
BEGIN
    ALTER TABLE [ConsultationComments] ADD [EnteredBy] nvarchar(450) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206150000_ReceivedCommentChannels'
)
BEGIN
    ALTER TABLE [ConsultationComments] ADD [DocumentVersionId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206150000_ReceivedCommentChannels'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206150000_ReceivedCommentChannels', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206160426_NormativeDocuments'
)
BEGIN
    CREATE TABLE [NormativeIssuers] (
        [Id] uniqueidentifier NOT NULL,
        [GovernmentId] nvarchar(64) NOT NULL,
        [OrganizationId] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Code] nvarchar(16) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [DocumentNumberPrefix] nvarchar(32) NOT NULL,
        [Listed] bit NOT NULL,
        [ListedAt] datetimeoffset NOT NULL,
        [ListedBy] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_NormativeIssuers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_NormativeIssuers_Organizations_GovernmentId] FOREIGN KEY ([GovernmentId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_NormativeIssuers_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206160426_NormativeDocuments'
)
BEGIN
    CREATE TABLE [NormativeDocuments] (
        [Id] uniqueidentifier NOT NULL,
        [IssuerId] uniqueidentifier NOT NULL,
        [GovernmentId] nvarchar(64) NOT NULL,
        [MajorDecisionMatterId] uniqueidentifier NULL,
        [Kind] nvarchar(16) NOT NULL,
        [Title] nvarchar(500) NOT NULL,
        [Provisional] bit NOT NULL,
        [ValidityYears] int NOT NULL,
        [AffectsMarketActors] bit NOT NULL,
        [MajorDecision] bit NOT NULL,
        [LegalBases] nvarchar(4000) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [SubmittedForReviewOn] date NULL,
        [ReviewConclusion] nvarchar(16) NULL,
        [ReviewChecklist] nvarchar(max) NULL,
        [ReviewOpinion] nvarchar(max) NULL,
        [ReviewedAt] datetimeoffset NULL,
        [DeliberatedAt] datetimeoffset NULL,
        [SignedAt] datetimeoffset NULL,
        [RegistrationYear] int NULL,
        [RegistrationSequence] int NULL,
        [RegistrationNumber] nvarchar(64) NULL,
        [DocumentNumber] nvarchar(64) NULL,
        [IssuedOn] date NULL,
        [PublishedAt] datetimeoffset NULL,
        [FullText] nvarchar(max) NULL,
        [EffectiveFrom] date NULL,
        [LastDayInForce] date NULL,
        [LapsesOn] date NULL,
        [ReminderOn] date NULL,
        [ExpiryDecision] nvarchar(16) NULL,
        [EndedOn] date NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedBy] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_NormativeDocuments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_NormativeDocuments_NormativeIssuers_IssuerId] FOREIGN KEY ([IssuerId]) REFERENCES [NormativeIssuers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206160426_NormativeDocuments'
)
BEGIN
    CREATE TABLE [NormativeNumberCounters] (
        [IssuerId] uniqueidentifier NOT NULL,
        [Year] int NOT NULL,
        [Last] int NOT NULL,
        CONSTRAINT [PK_NormativeNumberCounters] PRIMARY KEY ([IssuerId], [Year]),
        CONSTRAINT [FK_NormativeNumberCounters_NormativeIssuers_IssuerId] FOREIGN KEY ([IssuerId]) REFERENCES [NormativeIssuers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206160426_NormativeDocuments'
)
BEGIN
    CREATE TABLE [NormativeDocumentEvents] (
        [Id] uniqueidentifier NOT NULL,
        [DocumentId] uniqueidentifier NOT NULL,
        [Type] nvarchar(32) NOT NULL,
        [At] datetimeoffset NOT NULL,
        [Actor] nvarchar(450) NOT NULL,
        [Note] nvarchar(2000) NULL,
        CONSTRAINT [PK_NormativeDocumentEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_NormativeDocumentEvents_NormativeDocuments_DocumentId] FOREIGN KEY ([DocumentId]) REFERENCES [NormativeDocuments] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206160426_NormativeDocuments'
)
BEGIN
    CREATE INDEX [IX_NormativeDocumentEvents_DocumentId] ON [NormativeDocumentEvents] ([DocumentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206160426_NormativeDocuments'
)
BEGIN
    CREATE INDEX [IX_NormativeDocuments_GovernmentId_Status] ON [NormativeDocuments] ([GovernmentId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206160426_NormativeDocuments'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_NormativeDocuments_Registration] ON [NormativeDocuments] ([IssuerId], [RegistrationYear], [RegistrationSequence]) WHERE [RegistrationYear] IS NOT NULL AND [RegistrationSequence] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206160426_NormativeDocuments'
)
BEGIN
    CREATE UNIQUE INDEX [IX_NormativeIssuers_GovernmentId_Code] ON [NormativeIssuers] ([GovernmentId], [Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206160426_NormativeDocuments'
)
BEGIN
    CREATE INDEX [IX_NormativeIssuers_OrganizationId] ON [NormativeIssuers] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206160426_NormativeDocuments'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206160426_NormativeDocuments', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161302_DecisionCatalogues'
)
BEGIN
    CREATE TABLE [DecisionCatalogues] (
        [Id] uniqueidentifier NOT NULL,
        [OrganId] nvarchar(64) NOT NULL,
        [Year] int NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [ConsentedOn] date NULL,
        [ConsentNote] nvarchar(1000) NULL,
        [ConsentRecordedBy] nvarchar(450) NULL,
        [PublishedAt] datetimeoffset NULL,
        [PublishedBy] nvarchar(450) NULL,
        [CreatedBy] nvarchar(450) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_DecisionCatalogues] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DecisionCatalogues_Organizations_OrganId] FOREIGN KEY ([OrganId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161302_DecisionCatalogues'
)
BEGIN
    CREATE TABLE [CatalogueItems] (
        [Id] uniqueidentifier NOT NULL,
        [CatalogueId] uniqueidentifier NOT NULL,
        [Number] int NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [DraftingUnitId] nvarchar(64) NOT NULL,
        [PlannedQuarter] int NOT NULL,
        [WithdrawnBy] uniqueidentifier NULL,
        [AddedBy] uniqueidentifier NULL,
        CONSTRAINT [PK_CatalogueItems] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CatalogueItems_DecisionCatalogues_CatalogueId] FOREIGN KEY ([CatalogueId]) REFERENCES [DecisionCatalogues] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CatalogueItems_Organizations_DraftingUnitId] FOREIGN KEY ([DraftingUnitId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161302_DecisionCatalogues'
)
BEGIN
    CREATE TABLE [CatalogueAdjustments] (
        [Id] uniqueidentifier NOT NULL,
        [CatalogueId] uniqueidentifier NOT NULL,
        [ItemId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [Reason] nvarchar(2000) NOT NULL,
        [AdjustedBy] nvarchar(450) NOT NULL,
        [AdjustedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_CatalogueAdjustments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CatalogueAdjustments_CatalogueItems_ItemId] FOREIGN KEY ([ItemId]) REFERENCES [CatalogueItems] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CatalogueAdjustments_DecisionCatalogues_CatalogueId] FOREIGN KEY ([CatalogueId]) REFERENCES [DecisionCatalogues] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161302_DecisionCatalogues'
)
BEGIN
    CREATE TABLE [CatalogueMatterLinks] (
        [MatterId] uniqueidentifier NOT NULL,
        [ItemId] uniqueidentifier NOT NULL,
        [LinkedBy] nvarchar(450) NOT NULL,
        [LinkedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_CatalogueMatterLinks] PRIMARY KEY ([MatterId]),
        CONSTRAINT [FK_CatalogueMatterLinks_CatalogueItems_ItemId] FOREIGN KEY ([ItemId]) REFERENCES [CatalogueItems] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CatalogueMatterLinks_Matters_MatterId] FOREIGN KEY ([MatterId]) REFERENCES [Matters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161302_DecisionCatalogues'
)
BEGIN
    CREATE INDEX [IX_CatalogueAdjustments_CatalogueId] ON [CatalogueAdjustments] ([CatalogueId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161302_DecisionCatalogues'
)
BEGIN
    CREATE INDEX [IX_CatalogueAdjustments_ItemId] ON [CatalogueAdjustments] ([ItemId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161302_DecisionCatalogues'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CatalogueItems_CatalogueId_Number] ON [CatalogueItems] ([CatalogueId], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161302_DecisionCatalogues'
)
BEGIN
    CREATE INDEX [IX_CatalogueItems_DraftingUnitId] ON [CatalogueItems] ([DraftingUnitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161302_DecisionCatalogues'
)
BEGIN
    CREATE INDEX [IX_CatalogueMatterLinks_ItemId] ON [CatalogueMatterLinks] ([ItemId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161302_DecisionCatalogues'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DecisionCatalogues_OrganId_Year] ON [DecisionCatalogues] ([OrganId], [Year]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206161302_DecisionCatalogues'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206161302_DecisionCatalogues', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206162601_CalendarYears'
)
BEGIN
    ALTER TABLE [Consultations] ADD [ProvisionalYear] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206162601_CalendarYears'
)
BEGIN
    CREATE TABLE [HolidayCalendarYears] (
        [Year] int NOT NULL,
        [Json] nvarchar(max) NOT NULL,
        [Source] nvarchar(500) NOT NULL,
        [Sha256] nvarchar(64) NOT NULL,
        [LoadedBy] nvarchar(450) NOT NULL,
        [LoadedByName] nvarchar(200) NOT NULL,
        [LoadedAt] datetimeoffset NOT NULL,
        [DeadlinesFinalized] int NOT NULL,
        CONSTRAINT [PK_HolidayCalendarYears] PRIMARY KEY ([Year])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206162601_CalendarYears'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206162601_CalendarYears', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206164653_NormativeFilings'
)
BEGIN
    CREATE TABLE [NormativeFilings] (
        [Id] uniqueidentifier NOT NULL,
        [DocumentId] uniqueidentifier NOT NULL,
        [RecipientKind] nvarchar(40) NOT NULL,
        [RecipientOrganizationId] nvarchar(64) NOT NULL,
        [DueOn] date NOT NULL,
        [DueRule] nvarchar(1000) NOT NULL,
        [Status] nvarchar(24) NOT NULL,
        [FirstFiledOn] date NULL,
        [LastFiledAt] datetimeoffset NULL,
        [Returns] int NOT NULL,
        [ReturnReason] nvarchar(2000) NULL,
        [RegisteredAt] datetimeoffset NULL,
        [ReviewedAt] datetimeoffset NULL,
        [Result] nvarchar(16) NULL,
        [Reasons] nvarchar(4000) NULL,
        [CorrectionDueOn] date NULL,
        [CorrectionAnswer] nvarchar(4000) NULL,
        [CorrectionAnsweredAt] datetimeoffset NULL,
        CONSTRAINT [PK_NormativeFilings] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_NormativeFilings_NormativeDocuments_DocumentId] FOREIGN KEY ([DocumentId]) REFERENCES [NormativeDocuments] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_NormativeFilings_Organizations_RecipientOrganizationId] FOREIGN KEY ([RecipientOrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206164653_NormativeFilings'
)
BEGIN
    CREATE TABLE [NormativeReviewSuggestions] (
        [Id] uniqueidentifier NOT NULL,
        [DocumentId] uniqueidentifier NOT NULL,
        [RecipientOrganizationId] nvarchar(64) NOT NULL,
        [Receipt] nvarchar(32) NOT NULL,
        [SubmitterName] nvarchar(200) NOT NULL,
        [Contact] nvarchar(200) NULL,
        [Text] nvarchar(max) NOT NULL,
        [SubmittedAt] datetimeoffset NOT NULL,
        [ReplyDueOn] date NOT NULL,
        [Reply] nvarchar(max) NULL,
        [RepliedAt] datetimeoffset NULL,
        CONSTRAINT [PK_NormativeReviewSuggestions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_NormativeReviewSuggestions_NormativeDocuments_DocumentId] FOREIGN KEY ([DocumentId]) REFERENCES [NormativeDocuments] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_NormativeReviewSuggestions_Organizations] FOREIGN KEY ([RecipientOrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206164653_NormativeFilings'
)
BEGIN
    CREATE UNIQUE INDEX [IX_NormativeFilings_DocumentId_RecipientKind] ON [NormativeFilings] ([DocumentId], [RecipientKind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206164653_NormativeFilings'
)
BEGIN
    CREATE INDEX [IX_NormativeFilings_RecipientOrganizationId_Status] ON [NormativeFilings] ([RecipientOrganizationId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206164653_NormativeFilings'
)
BEGIN
    CREATE INDEX [IX_NormativeReviewSuggestions_DocumentId] ON [NormativeReviewSuggestions] ([DocumentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206164653_NormativeFilings'
)
BEGIN
    CREATE UNIQUE INDEX [IX_NormativeReviewSuggestions_Receipt] ON [NormativeReviewSuggestions] ([Receipt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206164653_NormativeFilings'
)
BEGIN
    CREATE INDEX [IX_NormativeReviewSuggestions_RecipientOrganizationId] ON [NormativeReviewSuggestions] ([RecipientOrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206164653_NormativeFilings'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206164653_NormativeFilings', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206182737_ExpertDisclosureConsents'
)
BEGIN
    CREATE TABLE [ExpertDisclosureConsents] (
        [MatterId] uniqueidentifier NOT NULL,
        [ExpertId] uniqueidentifier NOT NULL,
        [Note] nvarchar(1000) NULL,
        [RecordedBy] nvarchar(450) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ExpertDisclosureConsents] PRIMARY KEY ([MatterId], [ExpertId]),
        CONSTRAINT [FK_ExpertDisclosureConsents_Experts_ExpertId] FOREIGN KEY ([ExpertId]) REFERENCES [Experts] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ExpertDisclosureConsents_Matters_MatterId] FOREIGN KEY ([MatterId]) REFERENCES [Matters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206182737_ExpertDisclosureConsents'
)
BEGIN
    CREATE INDEX [IX_ExpertDisclosureConsents_ExpertId] ON [ExpertDisclosureConsents] ([ExpertId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206182737_ExpertDisclosureConsents'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206182737_ExpertDisclosureConsents', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206192901_ContactDetailsViews'
)
BEGIN
    CREATE TABLE [ContactDetailsViews] (
        [Id] uniqueidentifier NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [UserName] nvarchar(200) NOT NULL,
        [MatterId] uniqueidentifier NOT NULL,
        [SubjectId] uniqueidentifier NOT NULL,
        [Purpose] nvarchar(32) NOT NULL,
        [Channel] nvarchar(16) NOT NULL,
        [Count] int NOT NULL,
        [ViewedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ContactDetailsViews] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206192901_ContactDetailsViews'
)
BEGIN
    CREATE INDEX [IX_ContactDetailsViews_MatterId] ON [ContactDetailsViews] ([MatterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206192901_ContactDetailsViews'
)
BEGIN
    CREATE INDEX [IX_ContactDetailsViews_SubjectId] ON [ContactDetailsViews] ([SubjectId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206192901_ContactDetailsViews'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206192901_ContactDetailsViews', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206211921_ContactEncryption'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[PublicObjections]') AND [c].[name] = N'Contact');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [PublicObjections] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [PublicObjections] ALTER COLUMN [Contact] nvarchar(1024) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206211921_ContactEncryption'
)
BEGIN
    ALTER TABLE [PublicObjections] ADD [ContactAlgorithm] nvarchar(16) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206211921_ContactEncryption'
)
BEGIN
    ALTER TABLE [PublicObjections] ADD [ContactKeyId] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206211921_ContactEncryption'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[ConsultationComments]') AND [c].[name] = N'Contact');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [ConsultationComments] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [ConsultationComments] ALTER COLUMN [Contact] nvarchar(1024) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206211921_ContactEncryption'
)
BEGIN
    ALTER TABLE [ConsultationComments] ADD [ContactAlgorithm] nvarchar(16) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206211921_ContactEncryption'
)
BEGIN
    ALTER TABLE [ConsultationComments] ADD [ContactKeyId] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206211921_ContactEncryption'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206211921_ContactEncryption', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206221932_DocumentDigests'
)
BEGIN
    EXEC sp_rename N'[DocumentVersions].[Sha256]', N'Digest', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206221932_DocumentDigests'
)
BEGIN
    ALTER TABLE [DocumentVersions] ADD [DigestAlgorithm] nvarchar(16) NOT NULL DEFAULT N'sha256';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206221932_DocumentDigests'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206221932_DocumentDigests', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206224749_SignerCertificates'
)
BEGIN
    ALTER TABLE [SignerKeys] ADD [Certificate] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206224749_SignerCertificates'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206224749_SignerCertificates', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207002058_DataProtectionKeys'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207002058_DataProtectionKeys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207002058_DataProtectionKeys', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207004703_StatementSignatures'
)
BEGIN
    DECLARE @var2 nvarchar(max);
    SELECT @var2 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[NormativeReviewSuggestions]') AND [c].[name] = N'Contact');
    IF @var2 IS NOT NULL EXEC(N'ALTER TABLE [NormativeReviewSuggestions] DROP CONSTRAINT ' + @var2 + ';');
    ALTER TABLE [NormativeReviewSuggestions] ALTER COLUMN [Contact] nvarchar(1024) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207004703_StatementSignatures'
)
BEGIN
    ALTER TABLE [NormativeReviewSuggestions] ADD [ContactAlgorithm] nvarchar(16) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207004703_StatementSignatures'
)
BEGIN
    ALTER TABLE [NormativeReviewSuggestions] ADD [ContactKeyId] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207004703_StatementSignatures'
)
BEGIN
    ALTER TABLE [MeetingStatements] ADD [Signature] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207004703_StatementSignatures'
)
BEGIN
    ALTER TABLE [MeetingStatements] ADD [SignatureAlgorithm] nvarchar(16) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207004703_StatementSignatures'
)
BEGIN
    ALTER TABLE [MeetingStatements] ADD [SignerKeyId] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207004703_StatementSignatures'
)
BEGIN
    ALTER TABLE [LegalityFindings] ADD [Signature] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207004703_StatementSignatures'
)
BEGIN
    ALTER TABLE [LegalityFindings] ADD [SignatureAlgorithm] nvarchar(16) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207004703_StatementSignatures'
)
BEGIN
    ALTER TABLE [LegalityFindings] ADD [SignerKeyId] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207004703_StatementSignatures'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207004703_StatementSignatures', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207012545_NormativeCleanups'
)
BEGIN
    CREATE TABLE [NormativeCleanups] (
        [Id] uniqueidentifier NOT NULL,
        [GovernmentId] nvarchar(64) NOT NULL,
        [Subject] nvarchar(500) NOT NULL,
        [IssuerId] uniqueidentifier NULL,
        [FromYear] int NOT NULL,
        [ToYear] int NOT NULL,
        [TitleKeyword] nvarchar(100) NULL,
        [Status] nvarchar(16) NOT NULL,
        [OpenedAt] datetimeoffset NOT NULL,
        [OpenedBy] nvarchar(450) NOT NULL,
        [ApprovedAt] datetimeoffset NULL,
        [ApprovedBy] nvarchar(450) NULL,
        [PublishedAt] datetimeoffset NULL,
        [PublishedBy] nvarchar(450) NULL,
        CONSTRAINT [PK_NormativeCleanups] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_NormativeCleanups_NormativeIssuers_IssuerId] FOREIGN KEY ([IssuerId]) REFERENCES [NormativeIssuers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_NormativeCleanups_Organizations_GovernmentId] FOREIGN KEY ([GovernmentId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207012545_NormativeCleanups'
)
BEGIN
    CREATE TABLE [NormativeCleanupItems] (
        [Id] uniqueidentifier NOT NULL,
        [CleanupId] uniqueidentifier NOT NULL,
        [DocumentId] uniqueidentifier NOT NULL,
        [Result] nvarchar(16) NULL,
        [Reason] nvarchar(2000) NULL,
        [ProposedAt] datetimeoffset NULL,
        [ProposedBy] nvarchar(450) NULL,
        CONSTRAINT [PK_NormativeCleanupItems] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_NormativeCleanupItems_NormativeCleanups_CleanupId] FOREIGN KEY ([CleanupId]) REFERENCES [NormativeCleanups] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_NormativeCleanupItems_NormativeDocuments_DocumentId] FOREIGN KEY ([DocumentId]) REFERENCES [NormativeDocuments] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207012545_NormativeCleanups'
)
BEGIN
    CREATE UNIQUE INDEX [IX_NormativeCleanupItems_CleanupId_DocumentId] ON [NormativeCleanupItems] ([CleanupId], [DocumentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207012545_NormativeCleanups'
)
BEGIN
    CREATE INDEX [IX_NormativeCleanupItems_DocumentId] ON [NormativeCleanupItems] ([DocumentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207012545_NormativeCleanups'
)
BEGIN
    CREATE INDEX [IX_NormativeCleanups_GovernmentId_Status] ON [NormativeCleanups] ([GovernmentId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207012545_NormativeCleanups'
)
BEGIN
    CREATE INDEX [IX_NormativeCleanups_IssuerId] ON [NormativeCleanups] ([IssuerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207012545_NormativeCleanups'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207012545_NormativeCleanups', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207031521_ClusterCoordination'
)
BEGIN
    CREATE TABLE [PublicCacheStamps] (
        [Id] int NOT NULL,
        [Version] bigint NOT NULL,
        CONSTRAINT [PK_PublicCacheStamps] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207031521_ClusterCoordination'
)
BEGIN
    CREATE TABLE [RateLimitWindows] (
        [Partition] nvarchar(200) NOT NULL,
        [WindowStart] bigint NOT NULL,
        [Count] int NOT NULL,
        CONSTRAINT [PK_RateLimitWindows] PRIMARY KEY ([Partition], [WindowStart])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207031521_ClusterCoordination'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'Version') AND [object_id] = OBJECT_ID(N'[PublicCacheStamps]'))
        SET IDENTITY_INSERT [PublicCacheStamps] ON;
    EXEC(N'INSERT INTO [PublicCacheStamps] ([Id], [Version])
    VALUES (1, CAST(0 AS bigint))');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'Version') AND [object_id] = OBJECT_ID(N'[PublicCacheStamps]'))
        SET IDENTITY_INSERT [PublicCacheStamps] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207031521_ClusterCoordination'
)
BEGIN
    CREATE INDEX [IX_RateLimitWindows_WindowStart] ON [RateLimitWindows] ([WindowStart]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207031521_ClusterCoordination'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207031521_ClusterCoordination', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207043852_TaskParties'
)
BEGIN
    ALTER TABLE [WorkTasks] ADD [PartyId] nvarchar(450) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207043852_TaskParties'
)
BEGIN
    ALTER TABLE [WorkTasks] ADD [PartyName] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207043852_TaskParties'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207043852_TaskParties', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207170045_SubProcedureMatters'
)
BEGIN
    ALTER TABLE [Matters] ADD [ParentInstanceId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207170045_SubProcedureMatters'
)
BEGIN
    ALTER TABLE [Matters] ADD [ParentIteration] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207170045_SubProcedureMatters'
)
BEGIN
    ALTER TABLE [Matters] ADD [ParentStepId] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207170045_SubProcedureMatters'
)
BEGIN
    CREATE INDEX [IX_Matters_ParentInstanceId] ON [Matters] ([ParentInstanceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207170045_SubProcedureMatters'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207170045_SubProcedureMatters', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207224258_TimerNoteCodes'
)
BEGIN
    ALTER TABLE [ScheduledTimers] ADD [NoteArgs] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207224258_TimerNoteCodes'
)
BEGIN
    ALTER TABLE [ScheduledTimers] ADD [NoteCode] nvarchar(128) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207224258_TimerNoteCodes'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207224258_TimerNoteCodes', N'10.0.15');
END;

COMMIT;
GO
