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
	"search_text" text NOT NULL,
	CONSTRAINT "ref_ateco_version_code_pk" PRIMARY KEY("version","code")
);
--> statement-breakpoint
CREATE TABLE "ref_ateco_correspondence" (
	"ateco2025_code" text NOT NULL,
	"ateco2007_code" text NOT NULL,
	"coverage_2025" text,
	"coverage_2007" text,
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
	"search_text" text NOT NULL,
	"version" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ref_regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"nuts2" text,
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
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accreditations_kind_ck" CHECK ("accreditations"."kind" in ('labour_services', 'training')),
	CONSTRAINT "accreditations_status_ck" CHECK ("accreditations"."status" in ('provisional', 'definitive')),
	CONSTRAINT "accreditations_dates_ck" CHECK ("accreditations"."valid_to" is null or "accreditations"."valid_to" >= "accreditations"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "offices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"postal_code" text,
	"municipality_code" text NOT NULL,
	"email" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
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
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "organizations_type_ck" CHECK ("organizations"."type" in ('accredited_operator', 'public_job_centre', 'local_authority', 'social_partner', 'business_association', 'chamber_of_commerce', 'industrial_district', 'foundation', 'third_sector_organization', 'social_enterprise', 'school_university', 'company', 'innovation_hub', 'managers_association', 'regional_authority')),
	CONSTRAINT "organizations_status_ck" CHECK ("organizations"."status" in ('active', 'archived'))
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
ALTER TABLE "ref_municipalities" ADD CONSTRAINT "ref_municipalities_province_code_ref_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."ref_provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ref_municipalities" ADD CONSTRAINT "ref_municipalities_region_code_ref_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."ref_regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ref_occupation_skills" ADD CONSTRAINT "ref_occupation_skills_occupation_id_ref_occupations_id_fk" FOREIGN KEY ("occupation_id") REFERENCES "public"."ref_occupations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ref_occupation_skills" ADD CONSTRAINT "ref_occupation_skills_skill_id_ref_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."ref_skills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
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
CREATE INDEX "ref_ateco_search_trgm_idx" ON "ref_ateco" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ref_ateco_corr_2007_idx" ON "ref_ateco_correspondence" USING btree ("ateco2007_code");--> statement-breakpoint
CREATE INDEX "ref_municipalities_search_trgm_idx" ON "ref_municipalities" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ref_municipalities_province_idx" ON "ref_municipalities" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "ref_municipalities_cadastral_idx" ON "ref_municipalities" USING btree ("cadastral_code");--> statement-breakpoint
CREATE INDEX "ref_occupation_skills_skill_idx" ON "ref_occupation_skills" USING btree ("skill_id");--> statement-breakpoint
CREATE INDEX "ref_occupations_search_trgm_idx" ON "ref_occupations" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ref_occupations_isco_idx" ON "ref_occupations" USING btree ("isco_group");--> statement-breakpoint
CREATE INDEX "ref_professions_search_trgm_idx" ON "ref_professions" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ref_provinces_abbreviation_idx" ON "ref_provinces" USING btree ("abbreviation");--> statement-breakpoint
CREATE INDEX "ref_provinces_region_idx" ON "ref_provinces" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "ref_skills_search_trgm_idx" ON "ref_skills" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "accreditations_office_idx" ON "accreditations" USING btree ("office_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accreditations_office_kind_register_uq" ON "accreditations" USING btree ("office_id","kind","register_number");--> statement-breakpoint
CREATE INDEX "offices_organization_idx" ON "offices" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "offices_municipality_idx" ON "offices" USING btree ("municipality_code");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_fiscal_code_uq" ON "organizations" USING btree ("fiscal_code");--> statement-breakpoint
CREATE INDEX "organizations_type_idx" ON "organizations" USING btree ("type");--> statement-breakpoint
CREATE INDEX "organizations_status_name_idx" ON "organizations" USING btree ("status","name","id");--> statement-breakpoint
CREATE INDEX "organizations_seat_idx" ON "organizations" USING btree ("legal_seat_municipality_code");--> statement-breakpoint
CREATE INDEX "organizations_search_trgm_idx" ON "organizations" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_uq" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invitations_email_idx" ON "invitations" USING btree ("email");--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "memberships_org_idx" ON "memberships" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_active_uq" ON "memberships" USING btree ("user_id","role",coalesce("organization_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "memberships"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_uq" ON "users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "users_oidc_uq" ON "users" USING btree ("oidc_issuer","oidc_subject");--> statement-breakpoint
CREATE INDEX "users_fiscal_code_idx" ON "users" USING btree ("fiscal_code");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_org_idx" ON "audit_log" USING btree ("organization_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","at");