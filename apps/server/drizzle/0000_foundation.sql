CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "ref_ateco" (
	"version" text NOT NULL,
	"code" text NOT NULL,
	"title_it" text NOT NULL,
	"title_en" text,
	"level" smallint NOT NULL,
	"parent_code" text,
	"sort_order" integer NOT NULL,
	"title_search" text NOT NULL,
	"search_text" text NOT NULL,
	CONSTRAINT "ref_ateco_version_code_pk" PRIMARY KEY("version","code")
);
--> statement-breakpoint
CREATE TABLE "ref_ateco_correspondence" (
	"ateco2025_code" text NOT NULL,
	"ateco2007_code" text NOT NULL,
	"coverage_2025" text,
	"coverage_2007" text,
	"note" text,
	CONSTRAINT "ref_ateco_correspondence_ateco2025_code_ateco2007_code_pk" PRIMARY KEY("ateco2025_code","ateco2007_code")
);
--> statement-breakpoint
CREATE TABLE "ref_classifications" (
	"scheme" text NOT NULL,
	"version" text NOT NULL,
	"source" text NOT NULL,
	"licence" text NOT NULL,
	"row_count" integer NOT NULL,
	"checksum" text NOT NULL,
	"notes" text,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ref_classifications_scheme_version_pk" PRIMARY KEY("scheme","version")
);
--> statement-breakpoint
CREATE TABLE "ref_isco_groups" (
	"code" text PRIMARY KEY NOT NULL,
	"uri" text NOT NULL,
	"label_en" text NOT NULL,
	"label_it" text,
	"parent_code" text,
	"version" text NOT NULL,
	CONSTRAINT "ref_isco_groups_uri_unique" UNIQUE("uri")
);
--> statement-breakpoint
CREATE TABLE "ref_municipalities" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_alt" text,
	"cadastral_code" text NOT NULL,
	"province_code" text NOT NULL,
	"region_code" text NOT NULL,
	"is_province_capital" boolean DEFAULT false NOT NULL,
	"nuts3" text,
	"lat" double precision,
	"lon" double precision,
	"name_search" text NOT NULL,
	"search_text" text NOT NULL,
	"version" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ref_occupation_skills" (
	"occupation_id" integer NOT NULL,
	"skill_id" integer NOT NULL,
	"relation" text NOT NULL,
	CONSTRAINT "ref_occupation_skills_occupation_id_skill_id_pk" PRIMARY KEY("occupation_id","skill_id")
);
--> statement-breakpoint
CREATE TABLE "ref_occupations" (
	"id" integer PRIMARY KEY NOT NULL,
	"uri" text NOT NULL,
	"code" text,
	"isco_group" text,
	"label_it" text,
	"label_en" text,
	"alt_labels_it" text,
	"alt_labels_en" text,
	"description_it" text,
	"description_en" text,
	"label_search" text NOT NULL,
	"label_en_search" text NOT NULL,
	"search_text" text NOT NULL,
	"version" text NOT NULL,
	CONSTRAINT "ref_occupations_uri_unique" UNIQUE("uri")
);
--> statement-breakpoint
CREATE TABLE "ref_professions" (
	"code" text PRIMARY KEY NOT NULL,
	"level" smallint NOT NULL,
	"parent_code" text,
	"name" text NOT NULL,
	"description" text,
	"name_search" text NOT NULL,
	"search_text" text NOT NULL,
	"version" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ref_provinces" (
	"code" text PRIMARY KEY NOT NULL,
	"historic_code" text NOT NULL,
	"name" text NOT NULL,
	"abbreviation" text NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"nuts3" text,
	"name_search" text NOT NULL,
	"search_text" text NOT NULL,
	"version" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ref_regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"nuts2" text,
	"area" text,
	"name_search" text NOT NULL,
	"search_text" text NOT NULL,
	"version" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ref_skills" (
	"id" integer PRIMARY KEY NOT NULL,
	"uri" text NOT NULL,
	"label_en" text NOT NULL,
	"label_it" text,
	"skill_type" text,
	"reuse_level" text,
	"label_search" text NOT NULL,
	"label_en_search" text NOT NULL,
	"search_text" text NOT NULL,
	"version" text NOT NULL,
	CONSTRAINT "ref_skills_uri_unique" UNIQUE("uri")
);
--> statement-breakpoint
CREATE TABLE "accreditations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"office_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"register_number" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accreditations_kind_ck" CHECK ("accreditations"."kind" in ('labour_services', 'training')),
	CONSTRAINT "accreditations_status_ck" CHECK ("accreditations"."status" in ('provisional', 'definitive')),
	CONSTRAINT "accreditations_dates_ck" CHECK ("accreditations"."valid_to" is null or "accreditations"."valid_to" >= "accreditations"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "offices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sort_name" text GENERATED ALWAYS AS (translate(lower("name"), 'àáâäãåèéêëìíîïòóôöõùúûüçñÀÁÂÄÃÅÈÉÊËÌÍÎÏÒÓÔÖÕÙÚÛÜÇÑ', 'aaaaaaeeeeiiiiooooouuuucnaaaaaaeeeeiiiiooooouuuucn')) STORED NOT NULL,
	"address" text NOT NULL,
	"postal_code" text,
	"municipality_code" text NOT NULL,
	"email" text,
	"phone" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"sort_name" text GENERATED ALWAYS AS (translate(lower("name"), 'àáâäãåèéêëìíîïòóôöõùúûüçñÀÁÂÄÃÅÈÉÊËÌÍÎÏÒÓÔÖÕÙÚÛÜÇÑ', 'aaaaaaeeeeiiiiooooouuuucnaaaaaaeeeeiiiiooooouuuucn')) STORED NOT NULL,
	"fiscal_code" text NOT NULL,
	"vat_number" text,
	"ateco_code" text,
	"ateco_version" text,
	"legal_seat_municipality_code" text NOT NULL,
	"address" text,
	"postal_code" text,
	"email" text,
	"pec" text,
	"phone" text,
	"website" text,
	"description" text,
	"status" text DEFAULT 'active' NOT NULL,
	"search_text" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp (3) with time zone,
	CONSTRAINT "organizations_type_ck" CHECK ("organizations"."type" in ('accredited_operator', 'public_job_centre', 'local_authority', 'social_partner', 'business_association', 'chamber_of_commerce', 'industrial_district', 'foundation', 'third_sector_organization', 'social_enterprise', 'school_university', 'company', 'innovation_hub', 'managers_association', 'regional_authority')),
	CONSTRAINT "organizations_status_ck" CHECK ("organizations"."status" in ('active', 'archived')),
	CONSTRAINT "organizations_fiscal_code_ck" CHECK ("organizations"."fiscal_code" ~ '^([0-9]{11}|[A-Z0-9]{16})$'),
	CONSTRAINT "organizations_vat_number_ck" CHECK ("organizations"."vat_number" is null or "organizations"."vat_number" ~ '^[0-9]{11}$'),
	CONSTRAINT "organizations_ateco_ck" CHECK (("organizations"."ateco_code" is null) = ("organizations"."ateco_version" is null)),
	CONSTRAINT "organizations_archived_ck" CHECK (("organizations"."status" = 'archived') = ("organizations"."archived_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"organization_id" uuid,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"organization_id" uuid,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "memberships_org_required_ck" CHECK ("memberships"."role" in ('platform_admin', 'citizen') or "memberships"."organization_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "oidc_transactions" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"code_verifier" text NOT NULL,
	"nonce" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"locale" text DEFAULT 'it' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"oidc_issuer" text,
	"oidc_subject" text,
	"fiscal_code" text,
	"password_changed_at" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_lower_ck" CHECK ("users"."email" = lower("users"."email"))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_membership_id" uuid,
	"organization_id" uuid,
	"action" text NOT NULL,
	"entity_type" text,
	"entity_id" text,
	"outcome" text DEFAULT 'ok' NOT NULL,
	"request_id" text,
	"ip" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fiscal_code" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"birth_place_code" text NOT NULL,
	"email" text,
	"phone" text,
	"residence_municipality_code" text,
	"residence_address" text,
	"residence_postal_code" text,
	"citizenship" text,
	"education_level" smallint,
	"hours_per_week" smallint,
	"mobility_radius_km" smallint,
	"driving_licences" text[] DEFAULT '{}'::text[] NOT NULL,
	"priority_targets" text[] DEFAULT '{}'::text[] NOT NULL,
	"did_date" date,
	"did_source" text,
	"employment_status" text NOT NULL,
	"user_id" uuid,
	"search_text" text NOT NULL,
	"owner_organization_id" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_fiscal_code_ck" CHECK ("people"."fiscal_code" ~ '^[A-Z0-9]{16}$'),
	CONSTRAINT "people_sex_ck" CHECK ("people"."sex" in ('F', 'M')),
	CONSTRAINT "people_education_level_ck" CHECK ("people"."education_level" between 1 and 8),
	CONSTRAINT "people_hours_ck" CHECK ("people"."hours_per_week" between 0 and 168),
	CONSTRAINT "people_mobility_ck" CHECK ("people"."mobility_radius_km" between 0 and 1000),
	CONSTRAINT "people_citizenship_ck" CHECK ("people"."citizenship" ~ '^[A-Z]{2}$'),
	CONSTRAINT "people_did_source_ck" CHECK ("people"."did_source" in ('myanpal', 'job_centre', 'inps', 'accredited_operator', 'other')),
	CONSTRAINT "people_employment_status_ck" CHECK ("people"."employment_status" in ('unemployed', 'employed', 'underemployed', 'self_employed', 'student', 'inactive'))
);
--> statement-breakpoint
CREATE TABLE "people_import_batches" (
	"import_id" uuid NOT NULL,
	"batch_no" integer NOT NULL,
	"first_line" integer NOT NULL,
	"last_line" integer NOT NULL,
	"row_count" integer NOT NULL,
	"status" text NOT NULL,
	"inserted_rows" integer DEFAULT 0 NOT NULL,
	"updated_rows" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_import_batches_import_id_batch_no_pk" PRIMARY KEY("import_id","batch_no"),
	CONSTRAINT "people_import_batches_status_ck" CHECK ("people_import_batches"."status" in ('committed', 'rejected', 'validated'))
);
--> statement-breakpoint
CREATE TABLE "people_import_errors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"import_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"field" text NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"format" text NOT NULL,
	"dry_run" boolean NOT NULL,
	"file_name" text,
	"batch_size" integer NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"inserted_rows" integer DEFAULT 0 NOT NULL,
	"updated_rows" integer DEFAULT 0 NOT NULL,
	"rejected_rows" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"bytes_total" bigint,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"failure_reason" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_imports_status_ck" CHECK ("people_imports"."status" in ('running', 'completed', 'completed_with_errors', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "person_access" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"scope" text NOT NULL,
	"shared_sections" text[] DEFAULT '{}'::text[] NOT NULL,
	"source_id" uuid,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_until" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"granted_by" uuid,
	"revoked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_access_reason_ck" CHECK ("person_access"."reason" in ('owner', 'pathway', 'referral')),
	CONSTRAINT "person_access_scope_ck" CHECK ("person_access"."scope" in ('full', 'referral')),
	CONSTRAINT "person_access_validity_ck" CHECK ("person_access"."valid_until" is null or "person_access"."valid_until" > "person_access"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "person_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	"given_by" uuid,
	"given_by_organization_id" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdrawn_by_organization_id" uuid,
	"note" text,
	CONSTRAINT "person_consents_purpose_ck" CHECK ("person_consents"."purpose" in ('case_management', 'network_sharing', 'company_matching', 'statistics')),
	CONSTRAINT "person_consents_dates_ck" CHECK ("person_consents"."withdrawn_at" is null or "person_consents"."withdrawn_at" >= "person_consents"."given_at")
);
--> statement-breakpoint
CREATE TABLE "person_languages" (
	"person_id" uuid NOT NULL,
	"language" text NOT NULL,
	"level" text NOT NULL,
	CONSTRAINT "person_languages_person_id_language_pk" PRIMARY KEY("person_id","language"),
	CONSTRAINT "person_languages_language_ck" CHECK ("person_languages"."language" ~ '^[a-z]{2}$'),
	CONSTRAINT "person_languages_level_ck" CHECK ("person_languages"."level" in ('A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'))
);
--> statement-breakpoint
CREATE TABLE "person_skills" (
	"person_id" uuid NOT NULL,
	"skill_id" integer NOT NULL,
	"source" text NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	CONSTRAINT "person_skills_person_id_skill_id_pk" PRIMARY KEY("person_id","skill_id"),
	CONSTRAINT "person_skills_source_ck" CHECK ("person_skills"."source" in ('declared', 'verified')),
	CONSTRAINT "person_skills_verified_ck" CHECK ("person_skills"."source" = 'declared' or ("person_skills"."verified_by" is not null and "person_skills"."verified_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "person_work_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"employer_name" text NOT NULL,
	"ateco_code" text,
	"occupation_id" integer,
	"job_title" text,
	"from_date" date NOT NULL,
	"to_date" date,
	CONSTRAINT "person_work_history_dates_ck" CHECK ("person_work_history"."to_date" is null or "person_work_history"."to_date" >= "person_work_history"."from_date")
);
--> statement-breakpoint
CREATE TABLE "profiling_rule_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profiling_rule_sets_version_ck" CHECK ("profiling_rule_sets"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "programme_bands" (
	"programme_id" uuid NOT NULL,
	"band" smallint NOT NULL,
	"name" text NOT NULL,
	"cap_cents" integer NOT NULL,
	"duration_months" smallint NOT NULL,
	CONSTRAINT "programme_bands_programme_id_band_pk" PRIMARY KEY("programme_id","band"),
	CONSTRAINT "programme_bands_band_ck" CHECK ("programme_bands"."band" between 1 and 5),
	CONSTRAINT "programme_bands_cap_ck" CHECK ("programme_bands"."cap_cents" > 0),
	CONSTRAINT "programme_bands_duration_ck" CHECK ("programme_bands"."duration_months" between 1 and 36)
);
--> statement-breakpoint
CREATE TABLE "programme_catalogue_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"payment_mode" text NOT NULL,
	"unit" text NOT NULL,
	"unit_cost_cents" integer NOT NULL,
	"max_units_per_voucher" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_catalogue_lines_mode_ck" CHECK ("programme_catalogue_lines"."payment_mode" in ('per_unit', 'on_result')),
	CONSTRAINT "programme_catalogue_lines_unit_ck" CHECK ("programme_catalogue_lines"."unit" in ('hour', 'session', 'lump_sum')),
	CONSTRAINT "programme_catalogue_lines_cost_ck" CHECK ("programme_catalogue_lines"."unit_cost_cents" > 0),
	CONSTRAINT "programme_catalogue_lines_max_ck" CHECK ("programme_catalogue_lines"."max_units_per_voucher" > 0)
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'active' NOT NULL,
	"illustrative" boolean DEFAULT true NOT NULL,
	"source_note" text,
	"valid_from" date,
	"valid_to" date,
	"min_notice_hours" integer DEFAULT 24 NOT NULL,
	"pact_deadline_days" integer DEFAULT 30 NOT NULL,
	"voucher_expiry_warning_days" integer DEFAULT 30 NOT NULL,
	"handover_days" integer DEFAULT 30 NOT NULL,
	"result_min_contract_days" integer DEFAULT 180 NOT NULL,
	"collective_outcome_threshold_pct" integer DEFAULT 50 NOT NULL,
	"collective_shortfall_reduction_pct" integer DEFAULT 30 NOT NULL,
	"questionnaire_version" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programmes_status_ck" CHECK ("programmes"."status" in ('draft', 'active', 'closed')),
	CONSTRAINT "programmes_dates_ck" CHECK ("programmes"."valid_to" is null or "programmes"."valid_from" is null or "programmes"."valid_to" >= "programmes"."valid_from"),
	CONSTRAINT "programmes_collective_ck" CHECK ("programmes"."collective_outcome_threshold_pct" between 0 and 100 and "programmes"."collective_shortfall_reduction_pct" between 0 and 100),
	CONSTRAINT "programmes_params_ck" CHECK ("programmes"."min_notice_hours" >= 0 and "programmes"."pact_deadline_days" > 0 and "programmes"."voucher_expiry_warning_days" > 0 and "programmes"."handover_days" >= 0 and "programmes"."result_min_contract_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pathway_id" uuid NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"channel" text NOT NULL,
	"purpose" text NOT NULL,
	"location" text,
	"notified_at" timestamp with time zone NOT NULL,
	"notification_channel" text NOT NULL,
	"outcome" text,
	"outcome_note" text,
	"outcome_recorded_at" timestamp with time zone,
	"outcome_recorded_by" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointments_outcome_ck" CHECK ("appointments"."outcome" in ('attended', 'justified_absence', 'missed')),
	CONSTRAINT "appointments_channel_ck" CHECK ("appointments"."channel" in ('in_person', 'phone', 'video')),
	CONSTRAINT "appointments_notice_ck" CHECK ("appointments"."notified_at" <= "appointments"."scheduled_at"),
	CONSTRAINT "appointments_duration_ck" CHECK ("appointments"."duration_minutes" between 5 and 480),
	CONSTRAINT "appointments_outcome_recorded_ck" CHECK (("appointments"."outcome" is null) = ("appointments"."outcome_recorded_at" is null))
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pathway_id" uuid NOT NULL,
	"rule_set_id" uuid NOT NULL,
	"rule_set_version" integer NOT NULL,
	"inputs" jsonb NOT NULL,
	"score" integer NOT NULL,
	"factors" jsonb NOT NULL,
	"proposed_path" smallint NOT NULL,
	"proposed_band" smallint NOT NULL,
	"confirmed_path" smallint NOT NULL,
	"confirmed_band" smallint NOT NULL,
	"override_reason" text,
	"questionnaire_version" text NOT NULL,
	"answers" jsonb NOT NULL,
	"note" text,
	"assessed_by" uuid NOT NULL,
	"assessed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_paths_ck" CHECK ("assessments"."proposed_path" between 1 and 5 and "assessments"."confirmed_path" between 1 and 5 and "assessments"."proposed_band" between 1 and 5 and "assessments"."confirmed_band" between 1 and 5),
	CONSTRAINT "assessments_override_reason_ck" CHECK (("assessments"."confirmed_path" = "assessments"."proposed_path" and "assessments"."confirmed_band" = "assessments"."proposed_band") or length(trim("assessments"."override_reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "pact_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pathway_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"person_signed_at" timestamp with time zone,
	"person_signature_method" text,
	"person_signature_recorded_by" uuid,
	"operator_signed_at" timestamp with time zone,
	"operator_signed_by" uuid,
	"operator_signature_method" text,
	CONSTRAINT "pact_versions_status_ck" CHECK ("pact_versions"."status" in ('draft', 'signed', 'superseded')),
	CONSTRAINT "pact_versions_signed_ck" CHECK ("pact_versions"."status" = 'draft' or ("pact_versions"."person_signed_at" is not null and "pact_versions"."operator_signed_at" is not null)),
	CONSTRAINT "pact_versions_person_sig_ck" CHECK (("pact_versions"."person_signed_at" is null) = ("pact_versions"."person_signature_method" is null)),
	CONSTRAINT "pact_versions_operator_sig_ck" CHECK (("pact_versions"."operator_signed_at" is null) = ("pact_versions"."operator_signature_method" is null and "pact_versions"."operator_signed_by" is null))
);
--> statement-breakpoint
CREATE TABLE "pathway_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"pathway_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"kind" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"reason" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "pathways" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"case_worker_user_id" uuid NOT NULL,
	"state" text DEFAULT 'taken_in_charge' NOT NULL,
	"state_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"taken_in_charge_at" timestamp with time zone DEFAULT now() NOT NULL,
	"gol_path" smallint,
	"intensity_band" smallint,
	"closed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pathways_state_ck" CHECK ("pathways"."state" in ('taken_in_charge', 'assessed', 'pact_signed', 'in_delivery', 'suspended', 'placed', 'closed_without_outcome', 'withdrawn', 'forfeited')),
	CONSTRAINT "pathways_gol_path_ck" CHECK ("pathways"."gol_path" between 1 and 5),
	CONSTRAINT "pathways_band_ck" CHECK ("pathways"."intensity_band" between 1 and 5),
	CONSTRAINT "pathways_closed_ck" CHECK (("pathways"."state" in ('placed', 'closed_without_outcome', 'withdrawn', 'forfeited')) = ("pathways"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pathway_id" uuid NOT NULL,
	"employer_organization_id" uuid,
	"employer_name" text NOT NULL,
	"contract_type" text NOT NULL,
	"start_date" date NOT NULL,
	"expected_duration_days" integer,
	"hours_per_week" smallint,
	"note" text,
	"result_triggered" boolean NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placements_contract_ck" CHECK ("placements"."contract_type" in ('permanent', 'fixed_term', 'apprenticeship', 'temporary_agency', 'seasonal', 'intermittent', 'self_employment', 'other')),
	CONSTRAINT "placements_duration_ck" CHECK ("placements"."expected_duration_days" is null or "placements"."expected_duration_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "voucher_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"voucher_id" uuid NOT NULL,
	"plan_line_id" uuid NOT NULL,
	"kind" text DEFAULT 'service' NOT NULL,
	"delivered_on" date NOT NULL,
	"units" numeric(10, 2) NOT NULL,
	"amount_cents" integer NOT NULL,
	"staff_user_id" uuid,
	"attendance_signed" boolean NOT NULL,
	"status" text DEFAULT 'recorded' NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"validated_by" uuid,
	"validated_at" timestamp with time zone,
	"rejected_by" uuid,
	"rejection_reason" text,
	CONSTRAINT "voucher_deliveries_units_ck" CHECK ("voucher_deliveries"."units" > 0),
	CONSTRAINT "voucher_deliveries_amount_ck" CHECK ("voucher_deliveries"."amount_cents" >= 0),
	CONSTRAINT "voucher_deliveries_status_ck" CHECK ("voucher_deliveries"."status" in ('recorded', 'validated', 'rejected')),
	CONSTRAINT "voucher_deliveries_kind_ck" CHECK ("voucher_deliveries"."kind" in ('service', 'result')),
	CONSTRAINT "voucher_deliveries_second_person_ck" CHECK ("voucher_deliveries"."validated_by" is null or "voucher_deliveries"."validated_by" <> "voucher_deliveries"."recorded_by"),
	CONSTRAINT "voucher_deliveries_validated_ck" CHECK (("voucher_deliveries"."status" = 'validated') = ("voucher_deliveries"."validated_by" is not null and "voucher_deliveries"."validated_at" is not null)),
	CONSTRAINT "voucher_deliveries_rejected_ck" CHECK (("voucher_deliveries"."status" = 'rejected') = ("voucher_deliveries"."rejected_by" is not null))
);
--> statement-breakpoint
CREATE TABLE "voucher_plan_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"voucher_id" uuid NOT NULL,
	"catalogue_line_id" uuid NOT NULL,
	"payment_mode" text NOT NULL,
	"unit_cost_cents" integer NOT NULL,
	"max_units" numeric(10, 2) NOT NULL,
	"planned_units" numeric(10, 2) NOT NULL,
	"validated_units" numeric(10, 2) DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_plan_lines_units_ck" CHECK ("voucher_plan_lines"."planned_units" > 0 and "voucher_plan_lines"."planned_units" <= "voucher_plan_lines"."max_units"),
	CONSTRAINT "voucher_plan_lines_validated_ck" CHECK ("voucher_plan_lines"."validated_units" >= 0 and "voucher_plan_lines"."validated_units" <= "voucher_plan_lines"."max_units"),
	CONSTRAINT "voucher_plan_lines_cost_ck" CHECK ("voucher_plan_lines"."unit_cost_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "vouchers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pathway_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"band" smallint NOT NULL,
	"cap_cents" integer NOT NULL,
	"used_cents" integer DEFAULT 0 NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vouchers_budget_ck" CHECK ("vouchers"."used_cents" >= 0 and "vouchers"."used_cents" <= "vouchers"."cap_cents"),
	CONSTRAINT "vouchers_cap_ck" CHECK ("vouchers"."cap_cents" > 0),
	CONSTRAINT "vouchers_dates_ck" CHECK ("vouchers"."end_date" >= "vouchers"."start_date"),
	CONSTRAINT "vouchers_band_ck" CHECK ("vouchers"."band" between 1 and 5),
	CONSTRAINT "vouchers_status_ck" CHECK ("vouchers"."status" in ('active', 'closed')),
	CONSTRAINT "vouchers_closed_ck" CHECK (("vouchers"."status" = 'closed') = ("vouchers"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"referral_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"organization_id" uuid,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"reason" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"pathway_id" uuid,
	"from_organization_id" uuid NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_organization_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"shared_sections" text[] NOT NULL,
	"handover_days" integer NOT NULL,
	"state" text DEFAULT 'proposed' NOT NULL,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_state_ck" CHECK ("referrals"."state" in ('proposed', 'accepted', 'rejected', 'revoked', 'done')),
	CONSTRAINT "referrals_orgs_ck" CHECK ("referrals"."from_organization_id" <> "referrals"."to_organization_id"),
	CONSTRAINT "referrals_sections_ck" CHECK (cardinality("referrals"."shared_sections") > 0),
	CONSTRAINT "referrals_handover_ck" CHECK ("referrals"."handover_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "company_pledges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"priority_target" text NOT NULL,
	"offers" integer NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"note" text,
	"status" text DEFAULT 'active' NOT NULL,
	"withdrawn_at" timestamp (3) with time zone,
	"withdrawn_by" uuid,
	"withdrawal_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_pledges_offers_ck" CHECK ("company_pledges"."offers" >= 1),
	CONSTRAINT "company_pledges_period_ck" CHECK ("company_pledges"."period_to" >= "company_pledges"."period_from"),
	CONSTRAINT "company_pledges_target_ck" CHECK ("company_pledges"."priority_target" in ('disability_l68', 'long_term_unemployed', 'neet_under_30', 'over_50', 'woman_returning', 'migrant', 'social_services')),
	CONSTRAINT "company_pledges_status_ck" CHECK ("company_pledges"."status" in ('active', 'withdrawn')),
	CONSTRAINT "company_pledges_withdrawn_ck" CHECK (("company_pledges"."status" = 'withdrawn') = ("company_pledges"."withdrawn_at" is not null and "company_pledges"."withdrawal_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "company_profiles" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"size_class" text NOT NULL,
	"sector" text,
	"ateco2025_code" text NOT NULL,
	"ateco2007_code" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_profiles_size_ck" CHECK ("company_profiles"."size_class" in ('micro', 'small', 'medium', 'large'))
);
--> statement-breakpoint
CREATE TABLE "company_sites" (
	"organization_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	CONSTRAINT "company_sites_organization_id_municipality_code_pk" PRIMARY KEY("organization_id","municipality_code")
);
--> statement-breakpoint
CREATE TABLE "vacancies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"occupation_id" integer NOT NULL,
	"profession_code" text,
	"municipality_code" text NOT NULL,
	"work_mode" text NOT NULL,
	"contract_type" text NOT NULL,
	"duration_months" smallint,
	"hours_per_week" smallint,
	"education_level" smallint,
	"education_mandatory" boolean DEFAULT false NOT NULL,
	"openings" integer DEFAULT 1 NOT NULL,
	"start_date" date,
	"closing_date" date,
	"status" text NOT NULL,
	"counts_towards_pledge" boolean DEFAULT false NOT NULL,
	"search_text" text NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vacancies_status_ck" CHECK ("vacancies"."status" in ('draft', 'open', 'filled', 'closed')),
	CONSTRAINT "vacancies_work_mode_ck" CHECK ("vacancies"."work_mode" in ('onsite', 'hybrid', 'remote')),
	CONSTRAINT "vacancies_contract_type_ck" CHECK ("vacancies"."contract_type" in ('permanent', 'fixed_term', 'apprenticeship', 'temporary_agency', 'seasonal', 'intermittent', 'self_employment', 'other')),
	CONSTRAINT "vacancies_education_ck" CHECK ("vacancies"."education_level" between 1 and 8),
	CONSTRAINT "vacancies_openings_ck" CHECK ("vacancies"."openings" >= 1),
	CONSTRAINT "vacancies_dates_ck" CHECK ("vacancies"."closing_date" is null or "vacancies"."start_date" is null or "vacancies"."closing_date" >= "vacancies"."start_date")
);
--> statement-breakpoint
CREATE TABLE "vacancy_languages" (
	"vacancy_id" uuid NOT NULL,
	"language" text NOT NULL,
	"min_level" text NOT NULL,
	"mandatory" boolean DEFAULT false NOT NULL,
	CONSTRAINT "vacancy_languages_vacancy_id_language_pk" PRIMARY KEY("vacancy_id","language"),
	CONSTRAINT "vacancy_languages_level_ck" CHECK ("vacancy_languages"."min_level" in ('A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'))
);
--> statement-breakpoint
CREATE TABLE "vacancy_skills" (
	"vacancy_id" uuid NOT NULL,
	"skill_id" integer NOT NULL,
	"relation" text NOT NULL,
	CONSTRAINT "vacancy_skills_vacancy_id_skill_id_pk" PRIMARY KEY("vacancy_id","skill_id"),
	CONSTRAINT "vacancy_skills_relation_ck" CHECK ("vacancy_skills"."relation" in ('essential', 'optional'))
);
--> statement-breakpoint
CREATE TABLE "candidatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"company_organization_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"proposing_organization_id" uuid,
	"created_by" uuid NOT NULL,
	"note" text,
	"state" text DEFAULT 'proposed' NOT NULL,
	"decision_reason" text,
	"state_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state_changed_by" uuid,
	"pathway_id" uuid,
	"placement_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidatures_state_ck" CHECK ("candidatures"."state" in ('proposed', 'screening', 'interview', 'hired', 'rejected', 'withdrawn')),
	CONSTRAINT "candidatures_origin_ck" CHECK (("candidatures"."origin" = 'proposal') = ("candidatures"."proposing_organization_id" is not null) and "candidatures"."origin" in ('proposal', 'application'))
);
--> statement-breakpoint
CREATE TABLE "crises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_organization_id" uuid NOT NULL,
	"company_organization_id" uuid NOT NULL,
	"site_municipality_code" text NOT NULL,
	"programme_id" uuid NOT NULL,
	"title" text NOT NULL,
	"workers_affected" integer NOT NULL,
	"announced_on" date NOT NULL,
	"agreement_on" date,
	"redundancy_end_on" date,
	"agreement_signed" boolean DEFAULT false NOT NULL,
	"union_organizations" text[] DEFAULT '{}'::text[] NOT NULL,
	"agreement_notes" text,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"search_text" text NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crises_status_ck" CHECK ("crises"."status" in ('open', 'closed')),
	CONSTRAINT "crises_closed_ck" CHECK (("crises"."status" = 'closed') = ("crises"."closed_at" is not null)),
	CONSTRAINT "crises_workers_ck" CHECK ("crises"."workers_affected" >= 1),
	CONSTRAINT "crises_dates_ck" CHECK (("crises"."agreement_on" is null or "crises"."agreement_on" >= "crises"."announced_on") and ("crises"."redundancy_end_on" is null or "crises"."redundancy_end_on" >= "crises"."announced_on")),
	CONSTRAINT "crises_agreement_ck" CHECK (not "crises"."agreement_signed" or "crises"."agreement_on" is not null)
);
--> statement-breakpoint
CREATE TABLE "crisis_action_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"hours" numeric(4, 1) NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crisis_action_sessions_hours_ck" CHECK ("crisis_action_sessions"."hours" > 0)
);
--> statement-breakpoint
CREATE TABLE "crisis_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"crisis_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"hours" integer NOT NULL,
	"provider_organization_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crisis_actions_kind_ck" CHECK ("crisis_actions"."kind" in ('outplacement_workshop', 'skills_analysis', 'group_training', 'job_club')),
	CONSTRAINT "crisis_actions_dates_ck" CHECK ("crisis_actions"."ends_on" >= "crisis_actions"."starts_on"),
	CONSTRAINT "crisis_actions_hours_ck" CHECK ("crisis_actions"."hours" >= 1)
);
--> statement-breakpoint
CREATE TABLE "crisis_attendance" (
	"session_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crisis_attendance_session_id_person_id_pk" PRIMARY KEY("session_id","person_id"),
	CONSTRAINT "crisis_attendance_status_ck" CHECK ("crisis_attendance"."status" in ('present', 'absent', 'justified'))
);
--> statement-breakpoint
CREATE TABLE "crisis_cohort_members" (
	"crisis_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"added_by" uuid,
	"added_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp (3) with time zone,
	"removed_by" uuid,
	CONSTRAINT "crisis_cohort_members_crisis_id_person_id_pk" PRIMARY KEY("crisis_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_gap_cells" (
	"dimension" text NOT NULL,
	"sector" text NOT NULL,
	"province_code" text NOT NULL,
	"group_key" text NOT NULL,
	"supply" integer NOT NULL,
	"demand" integer NOT NULL,
	CONSTRAINT "analytics_gap_cells_dimension_sector_province_code_group_key_pk" PRIMARY KEY("dimension","sector","province_code","group_key"),
	CONSTRAINT "analytics_gap_cells_dimension_ck" CHECK ("analytics_gap_cells"."dimension" in ('isco', 'skill', 'total')),
	CONSTRAINT "analytics_gap_cells_counts_ck" CHECK ("analytics_gap_cells"."supply" >= 0 and "analytics_gap_cells"."demand" >= 0)
);
--> statement-breakpoint
CREATE TABLE "analytics_refresh_state" (
	"name" text PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone,
	"refresh_ms" integer,
	"changed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "ref_municipalities" ADD CONSTRAINT "ref_municipalities_province_code_ref_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."ref_provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ref_municipalities" ADD CONSTRAINT "ref_municipalities_region_code_ref_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."ref_regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ref_provinces" ADD CONSTRAINT "ref_provinces_region_code_ref_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."ref_regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accreditations" ADD CONSTRAINT "accreditations_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offices" ADD CONSTRAINT "offices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offices" ADD CONSTRAINT "offices_municipality_code_ref_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."ref_municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_legal_seat_municipality_code_ref_municipalities_code_fk" FOREIGN KEY ("legal_seat_municipality_code") REFERENCES "public"."ref_municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_import_batches" ADD CONSTRAINT "people_import_batches_import_id_people_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."people_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_import_errors" ADD CONSTRAINT "people_import_errors_import_id_people_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."people_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_imports" ADD CONSTRAINT "people_imports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_imports" ADD CONSTRAINT "people_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_access" ADD CONSTRAINT "person_access_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_access" ADD CONSTRAINT "person_access_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_consents" ADD CONSTRAINT "person_consents_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_consents" ADD CONSTRAINT "person_consents_given_by_users_id_fk" FOREIGN KEY ("given_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_consents" ADD CONSTRAINT "person_consents_given_by_organization_id_organizations_id_fk" FOREIGN KEY ("given_by_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_consents" ADD CONSTRAINT "person_consents_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_consents" ADD CONSTRAINT "person_consents_withdrawn_by_organization_id_organizations_id_fk" FOREIGN KEY ("withdrawn_by_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_languages" ADD CONSTRAINT "person_languages_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_skills" ADD CONSTRAINT "person_skills_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_skills" ADD CONSTRAINT "person_skills_skill_id_ref_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."ref_skills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_skills" ADD CONSTRAINT "person_skills_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_work_history" ADD CONSTRAINT "person_work_history_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_work_history" ADD CONSTRAINT "person_work_history_occupation_id_ref_occupations_id_fk" FOREIGN KEY ("occupation_id") REFERENCES "public"."ref_occupations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiling_rule_sets" ADD CONSTRAINT "profiling_rule_sets_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiling_rule_sets" ADD CONSTRAINT "profiling_rule_sets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_bands" ADD CONSTRAINT "programme_bands_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_catalogue_lines" ADD CONSTRAINT "programme_catalogue_lines_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_pathway_id_pathways_id_fk" FOREIGN KEY ("pathway_id") REFERENCES "public"."pathways"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_outcome_recorded_by_users_id_fk" FOREIGN KEY ("outcome_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_pathway_id_pathways_id_fk" FOREIGN KEY ("pathway_id") REFERENCES "public"."pathways"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_rule_set_id_profiling_rule_sets_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."profiling_rule_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pact_versions" ADD CONSTRAINT "pact_versions_pathway_id_pathways_id_fk" FOREIGN KEY ("pathway_id") REFERENCES "public"."pathways"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pact_versions" ADD CONSTRAINT "pact_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pact_versions" ADD CONSTRAINT "pact_versions_person_signature_recorded_by_users_id_fk" FOREIGN KEY ("person_signature_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pact_versions" ADD CONSTRAINT "pact_versions_operator_signed_by_users_id_fk" FOREIGN KEY ("operator_signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_events" ADD CONSTRAINT "pathway_events_pathway_id_pathways_id_fk" FOREIGN KEY ("pathway_id") REFERENCES "public"."pathways"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_events" ADD CONSTRAINT "pathway_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathways" ADD CONSTRAINT "pathways_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathways" ADD CONSTRAINT "pathways_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathways" ADD CONSTRAINT "pathways_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathways" ADD CONSTRAINT "pathways_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathways" ADD CONSTRAINT "pathways_case_worker_user_id_users_id_fk" FOREIGN KEY ("case_worker_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathways" ADD CONSTRAINT "pathways_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_pathway_id_pathways_id_fk" FOREIGN KEY ("pathway_id") REFERENCES "public"."pathways"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_employer_organization_id_organizations_id_fk" FOREIGN KEY ("employer_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_deliveries" ADD CONSTRAINT "voucher_deliveries_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_deliveries" ADD CONSTRAINT "voucher_deliveries_plan_line_id_voucher_plan_lines_id_fk" FOREIGN KEY ("plan_line_id") REFERENCES "public"."voucher_plan_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_deliveries" ADD CONSTRAINT "voucher_deliveries_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_deliveries" ADD CONSTRAINT "voucher_deliveries_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_deliveries" ADD CONSTRAINT "voucher_deliveries_validated_by_users_id_fk" FOREIGN KEY ("validated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_deliveries" ADD CONSTRAINT "voucher_deliveries_rejected_by_users_id_fk" FOREIGN KEY ("rejected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_plan_lines" ADD CONSTRAINT "voucher_plan_lines_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_plan_lines" ADD CONSTRAINT "voucher_plan_lines_catalogue_line_id_programme_catalogue_lines_id_fk" FOREIGN KEY ("catalogue_line_id") REFERENCES "public"."programme_catalogue_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_pathway_id_pathways_id_fk" FOREIGN KEY ("pathway_id") REFERENCES "public"."pathways"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_pathway_id_pathways_id_fk" FOREIGN KEY ("pathway_id") REFERENCES "public"."pathways"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_from_organization_id_organizations_id_fk" FOREIGN KEY ("from_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_to_organization_id_organizations_id_fk" FOREIGN KEY ("to_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_pledges" ADD CONSTRAINT "company_pledges_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_profiles" ADD CONSTRAINT "company_profiles_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_sites" ADD CONSTRAINT "company_sites_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_sites" ADD CONSTRAINT "company_sites_municipality_code_ref_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."ref_municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_occupation_id_ref_occupations_id_fk" FOREIGN KEY ("occupation_id") REFERENCES "public"."ref_occupations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_profession_code_ref_professions_code_fk" FOREIGN KEY ("profession_code") REFERENCES "public"."ref_professions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_municipality_code_ref_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."ref_municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancy_languages" ADD CONSTRAINT "vacancy_languages_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancy_skills" ADD CONSTRAINT "vacancy_skills_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancy_skills" ADD CONSTRAINT "vacancy_skills_skill_id_ref_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."ref_skills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidatures" ADD CONSTRAINT "candidatures_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidatures" ADD CONSTRAINT "candidatures_company_organization_id_organizations_id_fk" FOREIGN KEY ("company_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidatures" ADD CONSTRAINT "candidatures_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidatures" ADD CONSTRAINT "candidatures_proposing_organization_id_organizations_id_fk" FOREIGN KEY ("proposing_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidatures" ADD CONSTRAINT "candidatures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidatures" ADD CONSTRAINT "candidatures_state_changed_by_users_id_fk" FOREIGN KEY ("state_changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidatures" ADD CONSTRAINT "candidatures_pathway_id_pathways_id_fk" FOREIGN KEY ("pathway_id") REFERENCES "public"."pathways"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidatures" ADD CONSTRAINT "candidatures_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crises" ADD CONSTRAINT "crises_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crises" ADD CONSTRAINT "crises_company_organization_id_organizations_id_fk" FOREIGN KEY ("company_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crises" ADD CONSTRAINT "crises_site_municipality_code_ref_municipalities_code_fk" FOREIGN KEY ("site_municipality_code") REFERENCES "public"."ref_municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crises" ADD CONSTRAINT "crises_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_action_sessions" ADD CONSTRAINT "crisis_action_sessions_action_id_crisis_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."crisis_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_actions" ADD CONSTRAINT "crisis_actions_crisis_id_crises_id_fk" FOREIGN KEY ("crisis_id") REFERENCES "public"."crises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_actions" ADD CONSTRAINT "crisis_actions_provider_organization_id_organizations_id_fk" FOREIGN KEY ("provider_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_attendance" ADD CONSTRAINT "crisis_attendance_session_id_crisis_action_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."crisis_action_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_attendance" ADD CONSTRAINT "crisis_attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_cohort_members" ADD CONSTRAINT "crisis_cohort_members_crisis_id_crises_id_fk" FOREIGN KEY ("crisis_id") REFERENCES "public"."crises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_cohort_members" ADD CONSTRAINT "crisis_cohort_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ref_ateco_search_trgm_idx" ON "ref_ateco" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ref_ateco_corr_2007_idx" ON "ref_ateco_correspondence" USING btree ("ateco2007_code");--> statement-breakpoint
CREATE INDEX "ref_isco_groups_parent_idx" ON "ref_isco_groups" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "ref_municipalities_search_trgm_idx" ON "ref_municipalities" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ref_municipalities_province_idx" ON "ref_municipalities" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "ref_municipalities_region_idx" ON "ref_municipalities" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "ref_municipalities_cadastral_idx" ON "ref_municipalities" USING btree ("cadastral_code");--> statement-breakpoint
CREATE INDEX "ref_occupation_skills_skill_idx" ON "ref_occupation_skills" USING btree ("skill_id");--> statement-breakpoint
CREATE INDEX "ref_occupations_search_trgm_idx" ON "ref_occupations" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ref_occupations_isco_idx" ON "ref_occupations" USING btree ("isco_group");--> statement-breakpoint
CREATE INDEX "ref_professions_search_trgm_idx" ON "ref_professions" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ref_provinces_abbreviation_idx" ON "ref_provinces" USING btree ("abbreviation");--> statement-breakpoint
CREATE INDEX "ref_provinces_region_idx" ON "ref_provinces" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "ref_skills_search_trgm_idx" ON "ref_skills" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "accreditations_office_idx" ON "accreditations" USING btree ("office_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "accreditations_office_kind_register_uq" ON "accreditations" USING btree ("office_id","kind","register_number");--> statement-breakpoint
CREATE INDEX "offices_organization_idx" ON "offices" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "offices_municipality_idx" ON "offices" USING btree ("municipality_code");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_fiscal_code_uq" ON "organizations" USING btree ("fiscal_code");--> statement-breakpoint
CREATE INDEX "organizations_status_sort_name_idx" ON "organizations" USING btree ("status","sort_name" collate "C","id");--> statement-breakpoint
CREATE INDEX "organizations_status_created_idx" ON "organizations" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "organizations_type_sort_name_idx" ON "organizations" USING btree ("type","status","sort_name" collate "C","id");--> statement-breakpoint
CREATE INDEX "organizations_seat_idx" ON "organizations" USING btree ("legal_seat_municipality_code");--> statement-breakpoint
CREATE INDEX "organizations_search_trgm_idx" ON "organizations" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "organizations_updated_idx" ON "organizations" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_uq" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invitations_email_idx" ON "invitations" USING btree ("email");--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "memberships_org_idx" ON "memberships" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_active_uq" ON "memberships" USING btree ("user_id","role",coalesce("organization_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "memberships"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "oidc_transactions_expires_idx" ON "oidc_transactions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_uq" ON "users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "users_oidc_uq" ON "users" USING btree ("oidc_issuer","oidc_subject");--> statement-breakpoint
CREATE INDEX "users_fiscal_code_idx" ON "users" USING btree ("fiscal_code");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id","at","id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_org_idx" ON "audit_log" USING btree ("organization_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","at");--> statement-breakpoint
CREATE UNIQUE INDEX "people_fiscal_code_uq" ON "people" USING btree ("fiscal_code");--> statement-breakpoint
CREATE UNIQUE INDEX "people_user_uq" ON "people" USING btree ("user_id") WHERE "people"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "people_search_fts_idx" ON "people" USING gin (to_tsvector('simple', "search_text")) WITH (gin_pending_list_limit=65536);--> statement-breakpoint
CREATE INDEX "people_owner_name_idx" ON "people" USING btree ("owner_organization_id","last_name","first_name","id");--> statement-breakpoint
CREATE INDEX "people_residence_idx" ON "people" USING btree ("residence_municipality_code");--> statement-breakpoint
CREATE INDEX "people_updated_idx" ON "people" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "people_priority_targets_idx" ON "people" USING gin ("priority_targets") WHERE "people"."priority_targets" <> '{}'::text[];--> statement-breakpoint
CREATE INDEX "people_import_errors_import_idx" ON "people_import_errors" USING btree ("import_id","line","id");--> statement-breakpoint
CREATE INDEX "people_imports_org_idx" ON "people_imports" USING btree ("organization_id","started_at","id");--> statement-breakpoint
CREATE INDEX "person_access_org_person_idx" ON "person_access" USING btree ("organization_id","person_id") WHERE "person_access"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "person_access_person_idx" ON "person_access" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_access_source_idx" ON "person_access" USING btree ("source_id") WHERE "person_access"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "person_consents_person_idx" ON "person_consents" USING btree ("person_id","purpose","given_at");--> statement-breakpoint
CREATE INDEX "person_consents_given_idx" ON "person_consents" USING btree ("given_at");--> statement-breakpoint
CREATE INDEX "person_consents_withdrawn_idx" ON "person_consents" USING btree ("withdrawn_at") WHERE "person_consents"."withdrawn_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "person_consents_open_uq" ON "person_consents" USING btree ("person_id","purpose") WHERE "person_consents"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "person_languages_language_idx" ON "person_languages" USING btree ("language","level");--> statement-breakpoint
CREATE INDEX "person_skills_skill_idx" ON "person_skills" USING btree ("skill_id");--> statement-breakpoint
CREATE INDEX "person_work_history_person_idx" ON "person_work_history" USING btree ("person_id","from_date");--> statement-breakpoint
CREATE INDEX "person_work_history_occupation_idx" ON "person_work_history" USING btree ("occupation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "profiling_rule_sets_version_uq" ON "profiling_rule_sets" USING btree ("programme_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_catalogue_lines_code_uq" ON "programme_catalogue_lines" USING btree ("programme_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "programmes_code_uq" ON "programmes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "programmes_status_code_idx" ON "programmes" USING btree ("status","code");--> statement-breakpoint
CREATE INDEX "appointments_pathway_idx" ON "appointments" USING btree ("pathway_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "appointments_pending_idx" ON "appointments" USING btree ("pathway_id","scheduled_at") WHERE "appointments"."outcome" is null;--> statement-breakpoint
CREATE INDEX "assessments_pathway_idx" ON "assessments" USING btree ("pathway_id","assessed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pact_versions_version_uq" ON "pact_versions" USING btree ("pathway_id","version");--> statement-breakpoint
CREATE INDEX "pathway_events_pathway_idx" ON "pathway_events" USING btree ("pathway_id","at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "pathways_open_person_programme_uq" ON "pathways" USING btree ("person_id","programme_id") WHERE "pathways"."state" not in ('placed', 'closed_without_outcome', 'withdrawn', 'forfeited');--> statement-breakpoint
CREATE INDEX "pathways_person_idx" ON "pathways" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "pathways_org_taken_idx" ON "pathways" USING btree ("organization_id","taken_in_charge_at","id");--> statement-breakpoint
CREATE INDEX "pathways_org_state_idx" ON "pathways" USING btree ("organization_id","state");--> statement-breakpoint
CREATE INDEX "pathways_office_taken_idx" ON "pathways" USING btree ("office_id","taken_in_charge_at","id");--> statement-breakpoint
CREATE INDEX "pathways_case_worker_taken_idx" ON "pathways" USING btree ("case_worker_user_id","taken_in_charge_at","id");--> statement-breakpoint
CREATE INDEX "pathways_programme_state_idx" ON "pathways" USING btree ("programme_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "placements_pathway_uq" ON "placements" USING btree ("pathway_id");--> statement-breakpoint
CREATE INDEX "placements_employer_idx" ON "placements" USING btree ("employer_organization_id");--> statement-breakpoint
CREATE INDEX "placements_recorded_idx" ON "placements" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "voucher_deliveries_voucher_idx" ON "voucher_deliveries" USING btree ("voucher_id","recorded_at","id");--> statement-breakpoint
CREATE INDEX "voucher_deliveries_line_idx" ON "voucher_deliveries" USING btree ("plan_line_id","status");--> statement-breakpoint
CREATE INDEX "voucher_deliveries_pending_idx" ON "voucher_deliveries" USING btree ("voucher_id") WHERE "voucher_deliveries"."status" = 'recorded';--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_plan_lines_line_uq" ON "voucher_plan_lines" USING btree ("voucher_id","catalogue_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vouchers_pathway_uq" ON "vouchers" USING btree ("pathway_id");--> statement-breakpoint
CREATE INDEX "vouchers_org_created_idx" ON "vouchers" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "vouchers_org_end_idx" ON "vouchers" USING btree ("organization_id","status","end_date");--> statement-breakpoint
CREATE INDEX "vouchers_programme_idx" ON "vouchers" USING btree ("programme_id","status");--> statement-breakpoint
CREATE INDEX "vouchers_person_idx" ON "vouchers" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("referral_id","at","id");--> statement-breakpoint
CREATE INDEX "referrals_to_org_idx" ON "referrals" USING btree ("to_organization_id","state","created_at","id");--> statement-breakpoint
CREATE INDEX "referrals_from_org_idx" ON "referrals" USING btree ("from_organization_id","state","created_at","id");--> statement-breakpoint
CREATE INDEX "referrals_person_idx" ON "referrals" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_open_uq" ON "referrals" USING btree ("person_id","to_organization_id") WHERE "referrals"."state" in ('proposed', 'accepted');--> statement-breakpoint
CREATE INDEX "company_pledges_org_idx" ON "company_pledges" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "company_pledges_created_idx" ON "company_pledges" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "company_profiles_ateco_idx" ON "company_profiles" USING btree ("ateco2025_code" collate "C");--> statement-breakpoint
CREATE INDEX "company_sites_municipality_idx" ON "company_sites" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "vacancies_org_created_idx" ON "vacancies" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "vacancies_status_created_idx" ON "vacancies" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "vacancies_occupation_idx" ON "vacancies" USING btree ("occupation_id");--> statement-breakpoint
CREATE INDEX "vacancies_municipality_idx" ON "vacancies" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "vacancies_updated_idx" ON "vacancies" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "vacancies_search_trgm_idx" ON "vacancies" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "vacancy_skills_skill_idx" ON "vacancy_skills" USING btree ("skill_id");--> statement-breakpoint
CREATE INDEX "candidatures_company_idx" ON "candidatures" USING btree ("company_organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "candidatures_proposer_idx" ON "candidatures" USING btree ("proposing_organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "candidatures_vacancy_idx" ON "candidatures" USING btree ("vacancy_id","created_at","id");--> statement-breakpoint
CREATE INDEX "candidatures_person_idx" ON "candidatures" USING btree ("person_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "candidatures_active_uq" ON "candidatures" USING btree ("vacancy_id","person_id") WHERE "candidatures"."state" in ('proposed', 'screening', 'interview');--> statement-breakpoint
CREATE INDEX "crises_owner_created_idx" ON "crises" USING btree ("owner_organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "crises_company_created_idx" ON "crises" USING btree ("company_organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "crises_created_idx" ON "crises" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "crises_search_trgm_idx" ON "crises" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "crisis_action_sessions_action_idx" ON "crisis_action_sessions" USING btree ("action_id","held_on","id");--> statement-breakpoint
CREATE INDEX "crisis_actions_crisis_idx" ON "crisis_actions" USING btree ("crisis_id","starts_on","id");--> statement-breakpoint
CREATE INDEX "crisis_attendance_person_idx" ON "crisis_attendance" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "crisis_cohort_members_person_idx" ON "crisis_cohort_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "crisis_cohort_members_added_idx" ON "crisis_cohort_members" USING btree ("crisis_id","added_at","person_id");