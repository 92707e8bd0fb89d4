// Generated from Templates/ by the GovPackRenderTests (GOVPACK_RECORD=1). Do not edit:
// edit Templates/ and re-record.

enum EmbeddedTemplates {
    static let files: [String: String] = [
        "benefits/benefits.html.mustache": #"""
            {{> head}}
            <section class="page" id="benefits">
            <h2>Benefits realisation</h2>
            {{#summary}}
            <p>{{benefits}} benefits registered; mean realisation of measured benefits {{realisation}}; {{shortfalls}} past their target date short of target.</p>
            {{/summary}}
            {{#hasBenefits}}
            <figure>{{{benefitsSvg}}}<figcaption>Realisation against target; "(shortfall)" marks a benefit short of target past its target date; the dashed line is 100%.</figcaption></figure>
            {{#hasBenefitsChartMore}}
            <p class="note">{{benefitsChartMore}}</p>
            {{/hasBenefitsChartMore}}
            {{/hasBenefits}}
            <h3>Realisation since last period</h3>
            {{#hasHistory}}
            {{#realisationChange}}
            <p>Mean realisation {{now}} against {{was}} in {{previousPeriod}} ({{delta}}).</p>
            {{/realisationChange}}
            <figure>{{{realisationSvg}}}<figcaption>Mean realisation of measured benefits over the recorded periods.</figcaption></figure>
            {{#hasBenefitTrend}}
            <div class="table-wrap"><table>
            <caption>Realisation per benefit: {{previousPeriod}} against now</caption>
            <thead><tr><th scope="col">Project</th><th scope="col">Benefit</th><th scope="col" class="num">Then</th><th scope="col" class="num">Now</th><th scope="col" class="num">Change</th></tr></thead>
            <tbody>
            {{#benefitTrend}}
            <tr><td><a href="{{projectHref}}">{{project}}</a></td><td>{{id}} {{description}}</td><td class="num">{{was}}</td><td class="num">{{now}}</td><td class="num">{{delta}}</td></tr>
            {{/benefitTrend}}
            </tbody>
            </table></div>
            {{/hasBenefitTrend}}
            {{/hasHistory}}
            {{^hasHistory}}
            <p class="note">{{noHistory}}</p>
            {{/hasHistory}}
            {{#hasShortfalls}}
            <div class="table-wrap"><table>
            <caption>Benefits short of target past their target date</caption>
            {{> benefithead}}
            <tbody>
            {{#shortfalls}}
            {{> benefitrow}}
            {{/shortfalls}}
            </tbody>
            </table></div>
            {{/hasShortfalls}}
            {{#hasBenefits}}
            <div class="table-wrap"><table>
            <caption>Benefits register</caption>
            {{> benefithead}}
            <tbody>
            {{#benefits}}
            {{> benefitrow}}
            {{/benefits}}
            </tbody>
            </table></div>
            {{/hasBenefits}}
            {{^hasBenefits}}
            <p class="note">No benefits registered.</p>
            {{/hasBenefits}}
            </section>
            <section class="page" id="change">
            <h2>Change and adoption</h2>
            {{#hasHighImpact}}
            <div class="table-wrap"><table>
            <caption>High-impact stakeholder groups below their adoption target</caption>
            <thead><tr><th scope="col">Project</th><th scope="col">Group</th><th scope="col">Measured</th><th scope="col" class="num">Training</th><th scope="col" class="num">Target</th><th scope="col" class="num">Actual</th><th scope="col" class="num">Gap</th></tr></thead>
            <tbody>
            {{#highImpact}}
            <tr><td>{{project}}</td><td>{{group}}</td><td>{{measuredOn}}</td><td class="num">{{training}}</td><td class="num">{{target}}</td><td class="num">{{actual}}</td><td class="num"><span class="flag">{{gap}}</span></td></tr>
            {{/highImpact}}
            </tbody>
            </table></div>
            {{/hasHighImpact}}
            {{^hasHighImpact}}
            <p class="note">No high-impact group is below its adoption target.</p>
            {{/hasHighImpact}}
            {{#hasAdoption}}
            <div class="table-wrap"><table>
            <caption>Adoption by stakeholder group (latest measurement)</caption>
            <thead><tr><th scope="col">Project</th><th scope="col">Group</th><th scope="col">Impact</th><th scope="col">Measured</th><th scope="col" class="num">Training</th><th scope="col" class="num">Target</th><th scope="col" class="num">Actual</th><th scope="col" class="num">Gap</th></tr></thead>
            <tbody>
            {{#adoption}}
            <tr><td>{{project}}</td><td>{{group}}</td><td>{{impact}}</td><td>{{measuredOn}}</td><td class="num">{{training}}</td><td class="num">{{target}}</td><td class="num">{{actual}}</td><td class="num">{{gap}}{{#below}} <span class="flag">below</span>{{/below}}</td></tr>
            {{/adoption}}
            </tbody>
            </table></div>
            {{/hasAdoption}}
            </section>
            {{> glossary}}
            {{> foot}}

            """#,
        "benefits/benefits.md.mustache": #"""
            {{> head}}
            ## Benefits realisation

            {{#summary}}
            {{benefits}} benefits registered; mean realisation of measured benefits {{realisation}}; {{shortfalls}} past their target date short of target.
            {{/summary}}

            ### Realisation since last period

            {{#hasHistory}}
            {{#realisationChange}}
            Mean realisation {{now}} against {{was}} in {{previousPeriod}} ({{delta}}).
            {{/realisationChange}}
            {{#hasBenefitTrend}}

            | Project | Benefit | Then | Now | Change |
            |---|---|--:|--:|--:|
            {{#benefitTrend}}
            | [{{project}}]({{projectHref}}) | {{id}} {{description}} | {{was}} | {{now}} | {{delta}} |
            {{/benefitTrend}}
            {{/hasBenefitTrend}}
            {{/hasHistory}}
            {{^hasHistory}}
            {{noHistory}}
            {{/hasHistory}}

            ### Shortfalls

            {{#hasShortfalls}}
            {{> benefithead}}
            {{#shortfalls}}
            {{> benefitrow}}
            {{/shortfalls}}
            {{/hasShortfalls}}
            {{^hasShortfalls}}
            No benefit is past its target date short of target.
            {{/hasShortfalls}}

            ### Register

            {{#hasBenefits}}
            {{> benefithead}}
            {{#benefits}}
            {{> benefitrow}}
            {{/benefits}}
            {{/hasBenefits}}
            {{^hasBenefits}}
            No benefits registered.
            {{/hasBenefits}}

            ## Change and adoption

            {{#hasAdoption}}
            | Project | Group | Impact | Measured | Training | Target | Actual | Gap |
            |---|---|---|---|--:|--:|--:|--:|
            {{#adoption}}
            | {{project}} | {{group}} | {{impact}} | {{measuredOn}} | {{training}} | {{target}} | {{actual}} | {{gap}}{{#highImpactBelow}} **high impact, below target**{{/highImpactBelow}} |
            {{/adoption}}
            {{/hasAdoption}}
            {{^hasAdoption}}
            No change-impact measurements.
            {{/hasAdoption}}

            {{> glossary}}

            {{> foot}}

            """#,
        "board/board.html.mustache": #"""
            {{> head}}
            <section class="page" id="summary">
            <h2>Executive summary</h2>
            {{#summary}}
            <div class="kpis">
              <div class="kpi"><span class="label">Portfolio RAG (derived)</span><span class="value"><span class="rag {{rag.css}}">{{rag.text}}</span></span></div>
              <div class="kpi"><span class="label">Active projects</span><span class="value">{{active}} of {{projects}}</span></div>
              <div class="kpi"><span class="label">Watermelons (reported better than earned value)</span><span class="value">{{watermelons}}</span></div>
              <div class="kpi"><span class="label">Open risks (critical)</span><span class="value">{{openRisks}} ({{criticalRisks}})</span></div>
              <div class="kpi"><span class="label">Escalations due</span><span class="value">{{escalationDue}}</span></div>
              <div class="kpi"><span class="label">Compliance score</span><span class="value">{{compliance}}</span></div>
              <div class="kpi"><span class="label">Benefit realisation</span><span class="value">{{benefitRealisation}}</span></div>
              <div class="kpi"><span class="label">Status not updated this period</span><span class="value">{{notReported}}</span></div>
            </div>
            {{/summary}}
            <div class="charts">
              <figure>{{{ragDonutSvg}}}<figcaption>Active projects by derived RAG (the worse of the reported RAG and the earned-value signal).</figcaption></figure>
              <figure>{{{sCurveSvg}}}<figcaption>Portfolio cumulative planned value (solid), earned value (dashed) and actual cost (dotted).</figcaption></figure>
            </div>
            <h3>Change since last period</h3>
            {{> trends}}
            <h3>Headline earned value</h3>
            {{> evm}}
            <h3>Top five risks</h3>
            {{#hasTopRisks}}
            <div class="table-wrap"><table>
            <caption>Open risks with the highest score (probability x impact)</caption>
            {{> riskhead}}
            <tbody>
            {{#topRisks}}
            {{> riskrow}}
            {{/topRisks}}
            </tbody>
            </table></div>
            {{/hasTopRisks}}
            {{^hasTopRisks}}
            <p class="note">No open risks.</p>
            {{/hasTopRisks}}
            <h3>Escalations due</h3>
            {{#hasEscalations}}
            <div class="table-wrap"><table>
            <caption>Open risks at or above the escalation threshold that are not escalated</caption>
            {{> riskhead}}
            <tbody>
            {{#escalations}}
            {{> riskrow}}
            {{/escalations}}
            </tbody>
            </table></div>
            {{#hasEscalationsMore}}
            <p class="note">{{escalationsMore}}</p>
            {{/hasEscalationsMore}}
            {{/hasEscalations}}
            {{^hasEscalations}}
            <p class="note">No escalations due.</p>
            {{/hasEscalations}}
            <h3>Decisions needed</h3>
            {{> decisions}}
            <h3>Compliance</h3>
            {{#summary}}
            <p>Compliance score {{compliance}}: {{errors}} errors and {{warnings}} warnings from the governance rules; {{staleProjects}} active projects with a stale status update.</p>
            {{/summary}}
            {{#hasComplianceByProject}}
            <div class="table-wrap"><table>
            <caption>Projects with rule errors</caption>
            <thead><tr><th scope="col">Project</th><th scope="col" class="num">Score</th><th scope="col" class="num">Errors</th><th scope="col" class="num">Warnings</th></tr></thead>
            <tbody>
            {{#complianceByProject}}
            <tr><td><a href="{{href}}">{{id}} {{name}}</a></td><td class="num">{{compliance}}</td><td class="num">{{errors}}</td><td class="num">{{warnings}}</td></tr>
            {{/complianceByProject}}
            </tbody>
            </table></div>
            {{#hasComplianceByProjectMore}}
            <p class="note">{{complianceByProjectMore}}</p>
            {{/hasComplianceByProjectMore}}
            {{/hasComplianceByProject}}
            </section>

            <section class="page" id="programmes">
            <h2>Portfolio health by programme</h2>
            <div class="table-wrap"><table>
            <caption>Programmes: roll-up of their projects</caption>
            <thead><tr><th scope="col">Programme</th><th scope="col">RAG</th><th scope="col" class="num">Projects (active)</th><th scope="col" class="num">BAC</th><th scope="col" class="num">AC</th><th scope="col" class="num">EAC</th><th scope="col" class="num">CPI</th><th scope="col" class="num">SPI</th><th scope="col" class="num">Open risks</th><th scope="col" class="num">Exposure</th></tr></thead>
            <tbody>
            {{#programmes}}
            <tr><td><a href="{{href}}">{{id}} {{name}}</a></td><td><span class="rag {{rag.css}}">{{rag.text}}</span></td><td class="num">{{projects}} ({{active}})</td><td class="num">{{bac}}</td><td class="num">{{ac}}</td><td class="num">{{eac}}</td><td class="num">{{cpi}}</td><td class="num">{{spi}}</td><td class="num">{{openRisks}}</td><td class="num">{{exposure}}</td></tr>
            {{/programmes}}
            </tbody>
            </table></div>
            {{> notreported}}
            <h3>Watermelons</h3>
            {{#hasWatermelons}}
            <div class="table-wrap"><table>
            <caption>Projects reporting a better RAG than their earned value supports</caption>
            <thead><tr><th scope="col">Project</th><th scope="col">Reported</th><th scope="col">Earned-value signal</th><th scope="col" class="num">CPI</th><th scope="col" class="num">SPI</th><th scope="col" class="num">CV</th><th scope="col" class="num">EAC</th><th scope="col" class="num">VAC</th></tr></thead>
            <tbody>
            {{#watermelons}}
            <tr><td><a href="{{href}}">{{id}} {{name}}</a></td><td><span class="rag {{ragReported.css}}">{{ragReported.text}}</span></td><td><span class="rag {{evmSignal.css}}">{{evmSignal.text}}</span></td><td class="num">{{cpi}}</td><td class="num">{{spi}}</td><td class="num">{{cv}}</td><td class="num">{{eac}}</td><td class="num">{{vac}}</td></tr>
            {{/watermelons}}
            </tbody>
            </table></div>
            {{#hasWatermelonsMore}}
            <p class="note">{{watermelonsMore}}</p>
            {{/hasWatermelonsMore}}
            {{/hasWatermelons}}
            {{^hasWatermelons}}
            <p class="note">No project reports a better RAG than its earned value supports.</p>
            {{/hasWatermelons}}
            <h3>Risk appetite</h3>
            {{#hasAppetite}}
            <div class="table-wrap"><table>
            <caption>Open risk exposure by category against appetite</caption>
            <thead><tr><th scope="col">Category</th><th scope="col" class="num">Open risks</th><th scope="col" class="num">Exposure</th><th scope="col" class="num">Appetite</th><th scope="col">Position</th></tr></thead>
            <tbody>
            {{#appetite}}
            <tr><td>{{category}}</td><td class="num">{{openRisks}}</td><td class="num">{{exposure}}</td><td class="num">{{appetite}}</td><td>{{#breach}}<span class="flag">{{status}}</span>{{/breach}}{{^breach}}{{status}}{{/breach}}</td></tr>
            {{/appetite}}
            </tbody>
            </table></div>
            {{/hasAppetite}}
            {{^hasAppetite}}
            <p class="note">No risk appetite was set for this run (govpack --appetite CATEGORY=N).</p>
            {{/hasAppetite}}
            <h3>Benefits position</h3>
            {{#summary}}
            <p>Mean realisation of measured benefits {{benefitRealisation}}; {{benefitShortfalls}} benefits past their target date short of target.</p>
            {{/summary}}
            <figure>{{{benefitsSvg}}}<figcaption>Realisation against target; bars marked "(shortfall)" are short of target past their target date; the dashed line is 100%.</figcaption></figure>
            {{#hasBenefitsChartMore}}
            <p class="note">{{benefitsChartMore}}</p>
            {{/hasBenefitsChartMore}}
            {{#hasShortfalls}}
            <div class="table-wrap"><table>
            <caption>Benefits short of target</caption>
            {{> benefithead}}
            <tbody>
            {{#shortfalls}}
            {{> benefitrow}}
            {{/shortfalls}}
            </tbody>
            </table></div>
            {{#hasShortfallsMore}}
            <p class="note">{{shortfallsMore}}</p>
            {{/hasShortfallsMore}}
            {{/hasShortfalls}}
            </section>
            {{> glossary}}
            {{> foot}}

            """#,
        "board/board.md.mustache": #"""
            {{> head}}
            ## Executive summary

            {{#summary}}
            | Measure | Value |
            |---|---|
            | Portfolio RAG (derived) | {{rag.text}} |
            | Active projects | {{active}} of {{projects}} |
            | Reported RAG | Red {{red}}, Amber {{amber}}, Green {{green}}{{#hasNotReportedProjects}}, not reported {{notReportedCount}}{{/hasNotReportedProjects}} |
            | Watermelons | {{watermelons}} |
            | Open risks (critical) | {{openRisks}} ({{criticalRisks}}) |
            | Escalations due | {{escalationDue}} |
            | Compliance score | {{compliance}} ({{errors}} errors, {{warnings}} warnings) |
            | Benefit realisation | {{benefitRealisation}} ({{benefitShortfalls}} shortfalls) |
            | Status not updated this period | {{notReported}} |
            {{/summary}}

            ### Change since last period

            {{> trends}}

            ### Headline earned value

            {{> evm}}

            ### Top five risks

            {{#hasTopRisks}}
            {{> riskhead}}
            {{#topRisks}}
            {{> riskrow}}
            {{/topRisks}}
            {{/hasTopRisks}}
            {{^hasTopRisks}}
            No open risks.
            {{/hasTopRisks}}

            ### Escalations due

            {{#hasEscalations}}
            {{> riskhead}}
            {{#escalations}}
            {{> riskrow}}
            {{/escalations}}
            {{#hasEscalationsMore}}

            {{escalationsMore}}
            {{/hasEscalationsMore}}
            {{/hasEscalations}}
            {{^hasEscalations}}
            No escalations due.
            {{/hasEscalations}}

            ### Decisions needed

            {{> decisions}}

            ## Portfolio health by programme

            | Programme | RAG | Projects (active) | BAC | AC | EAC | CPI | SPI | Open risks | Exposure |
            |---|---|--:|--:|--:|--:|--:|--:|--:|--:|
            {{#programmes}}
            | [{{id}} {{name}}]({{href}}) | {{rag.text}} | {{projects}} ({{active}}) | {{bac}} | {{ac}} | {{eac}} | {{cpi}} | {{spi}} | {{openRisks}} | {{exposure}} |
            {{/programmes}}
            {{> notreported}}

            ### Watermelons

            {{#hasWatermelons}}
            | Project | Reported | Earned-value signal | CPI | SPI | CV | EAC | VAC |
            |---|---|---|--:|--:|--:|--:|--:|
            {{#watermelons}}
            | [{{id}} {{name}}]({{href}}) | {{ragReported.text}} | {{evmSignal.text}} | {{cpi}} | {{spi}} | {{cv}} | {{eac}} | {{vac}} |
            {{/watermelons}}
            {{#hasWatermelonsMore}}

            {{watermelonsMore}}
            {{/hasWatermelonsMore}}
            {{/hasWatermelons}}
            {{^hasWatermelons}}
            No project reports a better RAG than its earned value supports.
            {{/hasWatermelons}}

            ### Risk appetite

            {{#hasAppetite}}
            | Category | Open risks | Exposure | Appetite | Position |
            |---|--:|--:|--:|---|
            {{#appetite}}
            | {{category}} | {{openRisks}} | {{exposure}} | {{appetite}} | {{status}} |
            {{/appetite}}
            {{/hasAppetite}}
            {{^hasAppetite}}
            No risk appetite was set for this run.
            {{/hasAppetite}}

            ### Benefits position

            {{#hasShortfalls}}
            {{> benefithead}}
            {{#shortfalls}}
            {{> benefitrow}}
            {{/shortfalls}}
            {{#hasShortfallsMore}}

            {{shortfallsMore}}
            {{/hasShortfallsMore}}
            {{/hasShortfalls}}
            {{^hasShortfalls}}
            No benefit is past its target date short of target.
            {{/hasShortfalls}}

            {{> glossary}}

            {{> foot}}

            """#,
        "capability/capability.html.mustache": #"""
            {{> head}}
            <section class="page" id="capability">
            <h2>Certification coverage of project managers</h2>
            {{#overall}}
            <div class="kpis">
              <div class="kpi"><span class="label">Project managers</span><span class="value">{{managers}}</span></div>
              <div class="kpi"><span class="label">Certified, current</span><span class="value">{{current}}</span></div>
              <div class="kpi"><span class="label">Certified, expiring soon</span><span class="value">{{expiring}}</span></div>
              <div class="kpi"><span class="label">No valid certification</span><span class="value">{{none}}</span></div>
              <div class="kpi"><span class="label">Coverage</span><span class="value">{{coverage}}</span></div>
            </div>
            {{/overall}}
            <div class="table-wrap"><table>
            <caption>Coverage by programme</caption>
            <thead><tr><th scope="col">Programme</th><th scope="col" class="num">Managers</th><th scope="col" class="num">Current</th><th scope="col" class="num">Expiring</th><th scope="col" class="num">None</th><th scope="col" class="num">Coverage</th></tr></thead>
            <tbody>
            {{#byProgramme}}
            <tr><td>{{programme}}</td><td class="num">{{managers}}</td><td class="num">{{current}}</td><td class="num">{{expiring}}</td><td class="num">{{none}}</td><td class="num">{{coverage}}</td></tr>
            {{/byProgramme}}
            </tbody>
            </table></div>
            {{#hasExpiring}}
            <div class="table-wrap"><table>
            <caption>Certifications expired or expiring soon</caption>
            <thead><tr><th scope="col">Person</th><th scope="col">Certification</th><th scope="col">Expiry</th><th scope="col">Status</th></tr></thead>
            <tbody>
            {{#expiring}}
            <tr><td>{{person}}</td><td>{{certification}}</td><td>{{expiry}}</td><td>{{status}}</td></tr>
            {{/expiring}}
            </tbody>
            </table></div>
            {{/hasExpiring}}
            </section>
            <section class="page" id="knowledge">
            <h2>Lessons learned</h2>
            {{#knowledge}}
            <p>{{closed}} closed projects recorded {{lessons}} lessons ({{perProject}} per closed project). Closed without lessons: {{withoutLessons}}.</p>
            {{/knowledge}}
            {{#hasCategories}}
            <div class="charts">
            <figure>{{{lessonsSvg}}}<figcaption>Lessons by category.</figcaption></figure>
            <div class="table-wrap"><table>
            <caption>Lessons by category</caption>
            <thead><tr><th scope="col">Category</th><th scope="col" class="num">Lessons</th></tr></thead>
            <tbody>
            {{#categories}}
            <tr><td>{{category}}</td><td class="num">{{lessons}}</td></tr>
            {{/categories}}
            </tbody>
            </table></div>
            </div>
            {{/hasCategories}}
            {{#hasLessons}}
            <div class="table-wrap"><table>
            <caption>Lessons (first 50)</caption>
            <thead><tr><th scope="col">Project</th><th scope="col">Id</th><th scope="col">Category</th><th scope="col">Recorded</th><th scope="col">Lesson</th><th scope="col">Recommendation</th></tr></thead>
            <tbody>
            {{#lessons}}
            <tr><td>{{project}}</td><td>{{id}}</td><td>{{category}}</td><td>{{recorded}}</td><td>{{description}}</td><td>{{recommendation}}</td></tr>
            {{/lessons}}
            </tbody>
            </table></div>
            {{/hasLessons}}
            {{^hasLessons}}
            <p class="note">No lessons recorded.</p>
            {{/hasLessons}}
            </section>
            {{> glossary}}
            {{> foot}}

            """#,
        "capability/capability.md.mustache": #"""
            {{> head}}
            ## Certification coverage of project managers

            {{#overall}}
            Project managers {{managers}} · current {{current}} · expiring soon {{expiring}} · none {{none}} · coverage {{coverage}}
            {{/overall}}

            | Programme | Managers | Current | Expiring | None | Coverage |
            |---|--:|--:|--:|--:|--:|
            {{#byProgramme}}
            | {{programme}} | {{managers}} | {{current}} | {{expiring}} | {{none}} | {{coverage}} |
            {{/byProgramme}}

            {{#hasExpiring}}
            | Person | Certification | Expiry | Status |
            |---|---|---|---|
            {{#expiring}}
            | {{person}} | {{certification}} | {{expiry}} | {{status}} |
            {{/expiring}}
            {{/hasExpiring}}

            ## Lessons learned

            {{#knowledge}}
            {{closed}} closed projects recorded {{lessons}} lessons ({{perProject}} per closed project). Closed without lessons: {{withoutLessons}}.
            {{/knowledge}}

            {{#hasCategories}}
            | Category | Lessons |
            |---|--:|
            {{#categories}}
            | {{category}} | {{lessons}} |
            {{/categories}}
            {{/hasCategories}}

            {{> glossary}}

            {{> foot}}

            """#,
        "compliance/compliance.html.mustache": #"""
            {{> head}}
            <section class="page" id="overview">
            <h2>Compliance position</h2>
            {{#summary}}
            <div class="kpis">
              <div class="kpi"><span class="label">Compliance score (mean of projects)</span><span class="value">{{score}}</span></div>
              <div class="kpi"><span class="label">Errors</span><span class="value">{{errors}}</span></div>
              <div class="kpi"><span class="label">Warnings</span><span class="value">{{warnings}}</span></div>
              <div class="kpi"><span class="label">Stale status (active)</span><span class="value">{{stale}}</span></div>
              <div class="kpi"><span class="label">Not updated this period</span><span class="value">{{notReported}}</span></div>
            </div>
            {{/summary}}
            <h3>Compliance trend</h3>
            {{#hasHistory}}
            {{#complianceChange}}
            <p>Compliance score {{now}} against {{was}} in {{previousPeriod}} ({{delta}}).</p>
            {{/complianceChange}}
            <figure>{{{complianceSvg}}}<figcaption>Portfolio compliance score over the recorded periods.</figcaption></figure>
            {{#hasComplianceMoves}}
            <div class="table-wrap"><table>
            <caption>Projects whose compliance score changed since {{previousPeriod}}, the largest fall first</caption>
            <thead><tr><th scope="col">Project</th><th scope="col" class="num">Then</th><th scope="col" class="num">Now</th><th scope="col" class="num">Change</th></tr></thead>
            <tbody>
            {{#complianceMoves}}
            <tr><td><a href="{{href}}">{{id}} {{name}}</a></td><td class="num">{{was}}</td><td class="num">{{now}}</td><td class="num">{{delta}}</td></tr>
            {{/complianceMoves}}
            </tbody>
            </table></div>
            {{/hasComplianceMoves}}
            {{^hasComplianceMoves}}
            <p class="note">No project's compliance score changed since {{previousPeriod}}.</p>
            {{/hasComplianceMoves}}
            {{/hasHistory}}
            {{^hasHistory}}
            <p class="note">{{noHistory}}</p>
            {{/hasHistory}}
            <div class="table-wrap"><table>
            <caption>Findings by rule</caption>
            <thead><tr><th scope="col">Rule</th><th scope="col">Severity</th><th scope="col" class="num">Findings</th><th scope="col">Projects</th></tr></thead>
            <tbody>
            {{#rules}}
            <tr><td>{{id}}</td><td class="{{severityCss}}">{{severity}}</td><td class="num">{{count}}</td><td>{{projects}}</td></tr>
            {{/rules}}
            {{^hasFindings}}
            <tr><td colspan="4">No findings.</td></tr>
            {{/hasFindings}}
            </tbody>
            </table></div>
            <div class="table-wrap"><table>
            <caption>Rule results by project</caption>
            <thead><tr><th scope="col">Project</th><th scope="col" class="num">Score</th><th scope="col" class="num">Errors</th><th scope="col" class="num">Warnings</th><th scope="col" class="num">Findings</th><th scope="col">Last update</th></tr></thead>
            <tbody>
            {{#projects}}
            <tr><td><a href="{{href}}">{{id}} {{name}}</a></td><td class="num">{{compliance}}</td><td class="num">{{errors}}</td><td class="num">{{warnings}}</td><td class="num">{{findings}}</td><td>{{lastUpdated}}{{#stale}} <span class="flag">stale</span>{{/stale}}</td></tr>
            {{/projects}}
            </tbody>
            </table></div>
            </section>
            <section class="page" id="submissions">
            <h2>Late and missing submissions, stage gates</h2>
            {{#hasSubmissions}}
            <h3>Submissions this period</h3>
            {{#submissionCounts}}
            <p>Teams: {{submitted}} submitted, {{quarantined}} quarantined (left out of the figures), {{missing}} missing.</p>
            {{/submissionCounts}}
            <div class="table-wrap"><table>
            <caption>Teams expected to submit, missing and quarantined first</caption>
            <thead><tr><th scope="col">Team</th><th scope="col">Status</th><th scope="col">Due</th><th scope="col" class="num">Files</th><th scope="col">Reasons</th></tr></thead>
            <tbody>
            {{#teams}}
            <tr><td>{{name}}</td><td><span class="{{stateCss}}">{{state}}</span></td><td>{{due}}</td><td class="num">{{files}}</td><td>{{#hasReasons}}<ul class="reasons">{{#reasons}}<li>{{reason}}</li>{{/reasons}}</ul>{{/hasReasons}}{{^hasReasons}}–{{/hasReasons}}</td></tr>
            {{/teams}}
            </tbody>
            </table></div>
            {{> notreported}}
            {{/hasSubmissions}}
            {{#hasLate}}
            <div class="table-wrap"><table>
            <caption>Active projects whose status was not updated this period or is older than {{staleAfter}} days</caption>
            <thead><tr><th scope="col">Project</th><th scope="col">Last update</th><th scope="col" class="num">Days since</th></tr></thead>
            <tbody>
            {{#late}}
            <tr><td><a href="{{href}}">{{id}} {{name}}</a></td><td>{{lastUpdated}}</td><td class="num">{{daysSinceUpdate}}{{#stale}} <span class="flag">stale</span>{{/stale}}</td></tr>
            {{/late}}
            </tbody>
            </table></div>
            {{/hasLate}}
            {{^hasLate}}
            <p class="note">Every active project updated its status this period.</p>
            {{/hasLate}}
            {{#hasGates}}
            <div class="table-wrap"><table>
            <caption>Stage gates not held, or held late</caption>
            <thead><tr><th scope="col">Project</th><th scope="col">Gate</th><th scope="col">Planned</th><th scope="col">Reviewed</th><th scope="col">Late by</th><th scope="col">Decision</th></tr></thead>
            <tbody>
            {{#missedGates}}
            <tr><td><a href="{{projectHref}}">{{project}}</a></td><td>{{gate}}</td><td>{{planned}}</td><td><span class="flag">not held</span></td><td>{{late}}</td><td>{{decision}}</td></tr>
            {{/missedGates}}
            {{#lateGates}}
            <tr><td><a href="{{projectHref}}">{{project}}</a></td><td>{{gate}}</td><td>{{planned}}</td><td>{{reviewed}}</td><td><span class="flag">{{late}}</span></td><td>{{decision}}</td></tr>
            {{/lateGates}}
            </tbody>
            </table></div>
            {{/hasGates}}
            {{^hasGates}}
            <p class="note">Every gate due was held on time.</p>
            {{/hasGates}}
            <h3>Waivers</h3>
            {{#hasWaivers}}
            <div class="table-wrap"><table>
            <caption>Approved exceptions to the rules, expired ones first</caption>
            <thead><tr><th scope="col">Rule</th><th scope="col">Project</th><th scope="col">Row</th><th scope="col">Reason</th><th scope="col">Approved by</th><th scope="col">Expires</th><th scope="col">Status</th><th scope="col" class="num">Failures waived</th></tr></thead>
            <tbody>
            {{#waivers}}
            <tr><td>{{rule}}</td><td>{{project}}</td><td>{{key}}</td><td>{{reason}}</td><td>{{approvedBy}}</td><td>{{expires}}</td><td><span class="{{statusCss}}">{{status}}</span></td><td class="num">{{waived}}</td></tr>
            {{/waivers}}
            </tbody>
            </table></div>
            {{/hasWaivers}}
            {{^hasWaivers}}
            <p class="note">No waivers were given for this run (govpack validate --waivers FILE).</p>
            {{/hasWaivers}}
            </section>
            <section class="page" id="findings">
            <h2>All findings</h2>
            {{#hasFindings}}
            <div class="table-wrap"><table>
            <caption>Findings, by location</caption>
            {{> findinghead}}
            <tbody>
            {{#findings}}
            {{> findingrow}}
            {{/findings}}
            </tbody>
            </table></div>
            {{/hasFindings}}
            {{^hasFindings}}
            <p class="note">No findings.</p>
            {{/hasFindings}}
            </section>
            {{> glossary}}
            {{> foot}}

            """#,
        "compliance/compliance.md.mustache": #"""
            {{> head}}
            ## Compliance position

            {{#summary}}
            Compliance score {{score}} · errors {{errors}} · warnings {{warnings}} · stale status {{stale}} · not updated this period {{notReported}}
            {{/summary}}

            ### Compliance trend

            {{#hasHistory}}
            {{#complianceChange}}
            Compliance score {{now}} against {{was}} in {{previousPeriod}} ({{delta}}).
            {{/complianceChange}}

            {{#hasComplianceMoves}}
            | Project | Then | Now | Change |
            |---|--:|--:|--:|
            {{#complianceMoves}}
            | [{{id}} {{name}}]({{href}}) | {{was}} | {{now}} | {{delta}} |
            {{/complianceMoves}}
            {{/hasComplianceMoves}}
            {{^hasComplianceMoves}}
            No project's compliance score changed since {{previousPeriod}}.
            {{/hasComplianceMoves}}
            {{/hasHistory}}
            {{^hasHistory}}
            {{noHistory}}
            {{/hasHistory}}

            ### Findings by rule

            {{#hasFindings}}
            | Rule | Severity | Findings | Projects |
            |---|---|--:|---|
            {{#rules}}
            | {{id}} | {{severity}} | {{count}} | {{projects}} |
            {{/rules}}
            {{/hasFindings}}
            {{^hasFindings}}
            No findings.
            {{/hasFindings}}

            ### Rule results by project

            | Project | Score | Errors | Warnings | Findings | Last update |
            |---|--:|--:|--:|--:|---|
            {{#projects}}
            | [{{id}} {{name}}]({{href}}) | {{compliance}} | {{errors}} | {{warnings}} | {{findings}} | {{lastUpdated}}{{#stale}} **stale**{{/stale}} |
            {{/projects}}

            {{#hasSubmissions}}
            ### Submissions this period

            {{#submissionCounts}}
            Teams: {{submitted}} submitted, {{quarantined}} quarantined (left out of the figures), {{missing}} missing.
            {{/submissionCounts}}

            | Team | Status | Due | Files | Reasons |
            |---|---|---|--:|---|
            {{#teams}}
            | {{name}} | {{state}} | {{due}} | {{files}} | {{reasonText}} |
            {{/teams}}
            {{> notreported}}

            {{/hasSubmissions}}
            ### Late and missing submissions

            {{#hasLate}}
            | Project | Last update | Days since |
            |---|---|--:|
            {{#late}}
            | [{{id}} {{name}}]({{href}}) | {{lastUpdated}} | {{daysSinceUpdate}} |
            {{/late}}
            {{/hasLate}}
            {{^hasLate}}
            Every active project updated its status this period.
            {{/hasLate}}

            ### Stage gates not held, or held late

            {{#hasGates}}
            | Project | Gate | Planned | Reviewed | Late by | Decision |
            |---|---|---|---|---|---|
            {{#missedGates}}
            | {{project}} | {{gate}} | {{planned}} | **not held** | {{late}} | {{decision}} |
            {{/missedGates}}
            {{#lateGates}}
            | {{project}} | {{gate}} | {{planned}} | {{reviewed}} | **{{late}}** | {{decision}} |
            {{/lateGates}}
            {{/hasGates}}
            {{^hasGates}}
            Every gate due was held on time.
            {{/hasGates}}

            ### Waivers

            {{#hasWaivers}}
            | Rule | Project | Row | Reason | Approved by | Expires | Status | Failures waived |
            |---|---|---|---|---|---|---|---:|
            {{#waivers}}
            | {{rule}} | {{project}} | {{key}} | {{reason}} | {{approvedBy}} | {{expires}} | {{status}} | {{waived}} |
            {{/waivers}}
            {{/hasWaivers}}
            {{^hasWaivers}}
            No waivers were given for this run.
            {{/hasWaivers}}

            ### All findings

            {{#hasFindings}}
            {{> findinghead}}
            {{#findings}}
            {{> findingrow}}
            {{/findings}}
            {{/hasFindings}}
            {{^hasFindings}}
            No findings.
            {{/hasFindings}}

            {{> glossary}}

            {{> foot}}

            """#,
        "index/index.html.mustache": #"""
            {{> head}}
            {{#groups}}
            <section>
            <h2>{{group}}</h2>
            <ul>
            {{#files}}
              <li><a href="{{href}}">{{title}}</a></li>
            {{/files}}
            </ul>
            </section>
            {{/groups}}
            {{> foot}}

            """#,
        "index/index.md.mustache": #"""
            {{> head}}
            {{#groups}}
            ## {{group}}

            {{#files}}
            * [{{title}}]({{href}})
            {{/files}}

            {{/groups}}

            {{> foot}}

            """#,
        "partials/benefithead.html.mustache": #"""
            <thead><tr><th scope="col">Project</th><th scope="col">Benefit</th><th scope="col">Category</th><th scope="col" class="num">Baseline</th><th scope="col" class="num">Target</th><th scope="col" class="num">Latest</th><th scope="col">Measured</th><th scope="col">Target date</th><th scope="col" class="num">Realised</th></tr></thead>

            """#,
        "partials/benefithead.md.mustache": #"""
            | Project | Benefit | Category | Baseline | Target | Latest | Measured | Target date | Realised |
            |---|---|---|--:|--:|--:|---|---|--:|

            """#,
        "partials/benefitrow.html.mustache": #"""
            <tr><td><a href="{{projectHref}}">{{project}}</a></td><td>{{id}} {{description}}</td><td>{{category}}</td><td class="num">{{baseline}}</td><td class="num">{{target}}</td><td class="num">{{latest}}</td><td>{{measuredOn}}</td><td>{{targetDate}}</td><td class="num">{{realisation}}{{#shortfall}} <span class="flag">shortfall</span>{{/shortfall}}</td></tr>

            """#,
        "partials/benefitrow.md.mustache": #"""
            | [{{project}}]({{projectHref}}) | {{id}} {{description}} | {{category}} | {{baseline}} | {{target}} | {{latest}} | {{measuredOn}} | {{targetDate}} | {{realisation}}{{#shortfall}} **shortfall**{{/shortfall}} |

            """#,
        "partials/decisions.html.mustache": #"""
            <div class="table-wrap"><table>
            <caption>Decisions and escalations needed</caption>
            <thead><tr><th scope="col">Item</th><th scope="col">Evidence</th><th scope="col">Decision asked</th></tr></thead>
            <tbody>
            {{#decisions}}
            <tr><td>{{item}}</td><td>{{why}}</td><td>{{ask}}</td></tr>
            {{/decisions}}
            {{^decisions}}
            <tr><td colspan="3">No decisions needed this period.</td></tr>
            {{/decisions}}
            </tbody>
            </table></div>
            {{#hasDecisionsMore}}
            <p class="note">{{decisionsMore}}</p>
            {{/hasDecisionsMore}}

            """#,
        "partials/decisions.md.mustache": #"""
            | Item | Evidence | Decision asked |
            |---|---|---|
            {{#decisions}}
            | {{item}} | {{why}} | {{ask}} |
            {{/decisions}}
            {{^hasDecisions}}
            | No decisions needed this period. | | |
            {{/hasDecisions}}
            {{#hasDecisionsMore}}

            {{decisionsMore}}
            {{/hasDecisionsMore}}

            """#,
        "partials/dependencyhead.html.mustache": #"""
            <thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Dependency</th><th scope="col">Needed by</th><th scope="col">Status</th></tr></thead>

            """#,
        "partials/dependencyhead.md.mustache": #"""
            | From | To | Dependency | Needed by | Status |
            |---|---|---|---|---|

            """#,
        "partials/dependencyrow.html.mustache": #"""
            <tr><td><a href="{{fromHref}}">{{from}}</a></td><td><a href="{{toHref}}">{{to}}</a></td><td>{{description}}</td><td>{{neededBy}}</td><td>{{#atRisk}}<span class="flag">{{status}}</span>{{/atRisk}}{{^atRisk}}{{status}}{{/atRisk}}</td></tr>

            """#,
        "partials/dependencyrow.md.mustache": #"""
            | [{{from}}]({{fromHref}}) | [{{to}}]({{toHref}}) | {{description}} | {{neededBy}} | {{#atRisk}}**{{status}}**{{/atRisk}}{{^atRisk}}{{status}}{{/atRisk}} |

            """#,
        "partials/evm.html.mustache": #"""
            <div class="table-wrap"><table>
            <caption>Earned value (cumulative to {{asAt}})</caption>
            <thead><tr><th scope="col" class="num">BAC</th><th scope="col" class="num">PV</th><th scope="col" class="num">EV</th><th scope="col" class="num">AC</th><th scope="col" class="num">CV</th><th scope="col" class="num">SV</th><th scope="col" class="num">CPI</th><th scope="col" class="num">SPI</th><th scope="col" class="num">EAC</th><th scope="col" class="num">VAC</th><th scope="col" class="num">TCPI</th></tr></thead>
            <tbody>
            {{#evm}}
            <tr><td class="num">{{bac}}</td><td class="num">{{pv}}</td><td class="num">{{ev}}</td><td class="num">{{ac}}</td><td class="num">{{cv}}</td><td class="num">{{sv}}</td><td class="num">{{cpi}} <span class="rag {{cpiRag.css}}">{{cpiRag.text}}</span></td><td class="num">{{spi}} <span class="rag {{spiRag.css}}">{{spiRag.text}}</span></td><td class="num">{{eac}}</td><td class="num">{{vac}}</td><td class="num">{{tcpi}}</td></tr>
            {{/evm}}
            </tbody>
            </table></div>

            """#,
        "partials/evm.md.mustache": #"""
            | BAC | PV | EV | AC | CV | SV | CPI | SPI | EAC | VAC | TCPI |
            |--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
            {{#evm}}
            | {{bac}} | {{pv}} | {{ev}} | {{ac}} | {{cv}} | {{sv}} | {{cpi}} ({{cpiRag.text}}) | {{spi}} ({{spiRag.text}}) | {{eac}} | {{vac}} | {{tcpi}} |
            {{/evm}}

            """#,
        "partials/findinghead.html.mustache": #"""
            <thead><tr><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Project</th><th scope="col">Finding</th><th scope="col">Where</th></tr></thead>

            """#,
        "partials/findinghead.md.mustache": #"""
            | Severity | Rule | Project | Finding | Where |
            |---|---|---|---|---|

            """#,
        "partials/findingrow.html.mustache": #"""
            <tr><td class="{{severityCss}}">{{severity}}</td><td>{{id}}</td><td>{{#hasProject}}<a href="{{projectHref}}">{{project}}</a>{{/hasProject}}{{^hasProject}}–{{/hasProject}}</td><td>{{message}}</td><td>{{location}}</td></tr>

            """#,
        "partials/findingrow.md.mustache": #"""
            | {{severity}} | {{id}} | {{project}} | {{message}} | {{location}} |

            """#,
        "partials/foot.html.mustache": #"""
            </main>
            <footer>
              <p>Generated by {{generatedBy}} for the period {{periodCode}}. RAG is shown as text and colour; R red, A amber, G green. Figures are derived from the teams' submissions; see the glossary for definitions.</p>
            </footer>
            </body>
            </html>

            """#,
        "partials/foot.md.mustache": #"""

            * * *

            Generated by {{generatedBy}} for the period {{periodCode}}. RAG is written as text: R red, A amber, G green.

            """#,
        "partials/glossary.html.mustache": #"""
            <section class="page" id="glossary">
            <h2>Glossary</h2>
            <dl class="glossary">
            {{#glossary}}
              <dt>{{name}} ({{unit}})</dt>
              <dd>{{formula}}. Example: {{example}}.</dd>
            {{/glossary}}
            </dl>
            </section>

            """#,
        "partials/glossary.md.mustache": #"""
            ## Glossary

            | Metric | Unit | Definition | Example |
            |---|---|---|---|
            {{#glossary}}
            | {{name}} | {{unit}} | {{formula}} | {{example}} |
            {{/glossary}}

            """#,
        "partials/head.html.mustache": #"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{packTitle}} · {{period}}</title>
            <style>
            {{> style}}
            </style>
            </head>
            <body>
            <header class="masthead">
              <p class="kicker">{{audience}} · report period {{period}} (figures as at {{asAt}})</p>
              <h1>{{packTitle}}</h1>
              <nav><a href="{{indexHref}}">All packs</a></nav>
            </header>
            <main>

            """#,
        "partials/head.md.mustache": #"""
            # {{packTitle}}

            {{audience}} · report period {{period}} (figures as at {{asAt}}) · [All packs]({{indexHref}})


            """#,
        "partials/issuehead.html.mustache": #"""
            <thead><tr><th scope="col">Project</th><th scope="col">Issue</th><th scope="col">Title</th><th scope="col">Priority</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Escalated</th></tr></thead>

            """#,
        "partials/issuehead.md.mustache": #"""
            | Project | Issue | Title | Priority | Owner | Due | Escalated |
            |---|---|---|---|---|---|---|

            """#,
        "partials/issuerow.html.mustache": #"""
            <tr><td><a href="{{projectHref}}">{{project}}</a></td><td>{{id}}</td><td>{{title}}</td><td>{{priority}}</td><td>{{owner}}</td><td>{{due}}{{#overdue}} <span class="flag">(overdue)</span>{{/overdue}}</td><td>{{escalated}}</td></tr>

            """#,
        "partials/issuerow.md.mustache": #"""
            | [{{project}}]({{projectHref}}) | {{id}} | {{title}} | {{priority}} | {{owner}} | {{due}}{{#overdue}} **(overdue)**{{/overdue}} | {{escalated}} |

            """#,
        "partials/milestonehead.html.mustache": #"""
            <thead><tr><th scope="col">Project</th><th scope="col">Milestone</th><th scope="col">Baseline</th><th scope="col">Forecast</th><th scope="col">Actual</th><th scope="col">Slip</th><th scope="col">Status</th></tr></thead>

            """#,
        "partials/milestonehead.md.mustache": #"""
            | Project | Milestone | Baseline | Forecast | Actual | Slip | Status |
            |---|---|---|---|---|--:|---|

            """#,
        "partials/milestonerow.html.mustache": #"""
            <tr><td><a href="{{projectHref}}">{{project}}</a></td><td>{{id}} {{name}}</td><td>{{baseline}}</td><td>{{forecast}}</td><td>{{actual}}</td><td class="num">{{slip}}</td><td>{{#slipped}}<span class="flag">{{flag}}</span>{{/slipped}}{{^slipped}}{{flag}}{{/slipped}}</td></tr>

            """#,
        "partials/milestonerow.md.mustache": #"""
            | [{{project}}]({{projectHref}}) | {{id}} {{name}} | {{baseline}} | {{forecast}} | {{actual}} | {{slip}} | {{#slipped}}**{{flag}}**{{/slipped}}{{^slipped}}{{flag}}{{/slipped}} |

            """#,
        "partials/notreported.html.mustache": #"""
            {{#hasNotReportedProjects}}
            <div class="table-wrap"><table class="not-reported">
            <caption>Not reported this period, the team's submission missing or quarantined: {{notReportedCount}}</caption>
            <thead><tr><th scope="col">Project</th><th scope="col">Programme</th><th scope="col">Team</th><th scope="col">Status</th><th scope="col">Last reported</th><th scope="col">RAG then</th></tr></thead>
            <tbody>
            {{#notReportedProjects}}
            <tr><td>{{id}} {{name}}</td><td>{{programme}}</td><td>{{team}}</td><td><span class="rag rag-none">not reported</span></td><td>{{lastPeriod}}</td><td>{{lastRag}}</td></tr>
            {{/notReportedProjects}}
            </tbody>
            </table></div>
            {{/hasNotReportedProjects}}

            """#,
        "partials/notreported.md.mustache": #"""
            {{#hasNotReportedProjects}}
            Not reported this period, the team's submission missing or quarantined: {{notReportedCount}}.

            | Project | Programme | Team | Status | Last reported | RAG then |
            |---|---|---|---|---|---|
            {{#notReportedProjects}}
            | {{id}} {{name}} | {{programme}} | {{team}} | *not reported* | {{lastPeriod}} | {{lastRag}} |
            {{/notReportedProjects}}
            {{/hasNotReportedProjects}}

            """#,
        "partials/riskhead.html.mustache": #"""
            <thead><tr><th scope="col">Project</th><th scope="col">Risk</th><th scope="col">Title</th><th scope="col">Category</th><th scope="col" class="num">P x I</th><th scope="col">Band</th><th scope="col">Owner</th><th scope="col">Escalated</th><th scope="col">Raised</th><th scope="col">Last review</th></tr></thead>

            """#,
        "partials/riskhead.md.mustache": #"""
            | Project | Risk | Title | Category | P x I | Band | Owner | Escalated | Raised | Last review |
            |---|---|---|---|--:|---|---|---|---|---|

            """#,
        "partials/riskrow.html.mustache": #"""
            <tr><td><a href="{{projectHref}}">{{project}}</a></td><td>{{id}}</td><td>{{title}}</td><td>{{category}}</td><td class="num">{{probability}} x {{impact}} = {{score}}</td><td class="{{bandCss}}">{{band}}</td><td>{{#noOwner}}<span class="flag">No owner</span>{{/noOwner}}{{^noOwner}}{{owner}}{{/noOwner}}</td><td>{{escalated}}{{#escalationDue}} <span class="flag">(due)</span>{{/escalationDue}}</td><td>{{age}}</td><td>{{reviewed}}{{#aged}} <span class="flag">(aged)</span>{{/aged}}</td></tr>

            """#,
        "partials/riskrow.md.mustache": #"""
            | [{{project}}]({{projectHref}}) | {{id}} | {{title}} | {{category}} | {{probability}} x {{impact}} = {{score}} | {{band}} | {{#noOwner}}**No owner**{{/noOwner}}{{^noOwner}}{{owner}}{{/noOwner}} | {{escalated}}{{#escalationDue}} **(due)**{{/escalationDue}} | {{age}} | {{reviewed}}{{#aged}} **(aged)**{{/aged}} |

            """#,
        "partials/style.html.mustache": #"""
            :root { --ink: #1a1a1a; --muted: #4a4a4a; --rule: #c8c8c8; --band: #f3f5f8; --accent: #1f4e9c; }
            * { box-sizing: border-box; }
            html { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #ffffff; font-size: 15px; line-height: 1.45; }
            body { margin: 0 auto; max-width: 1240px; padding: 0 20px 24px; }
            .masthead { border-bottom: 3px solid var(--accent); padding: 16px 0 8px; margin-bottom: 12px; }
            .masthead h1 { margin: 2px 0 4px; font-size: 26px; }
            .kicker { margin: 0; color: var(--muted); font-size: 13px; }
            nav a { color: var(--accent); font-size: 13px; }
            h2 { font-size: 20px; border-bottom: 1px solid var(--rule); padding-bottom: 3px; margin: 22px 0 10px; }
            h3 { font-size: 16px; margin: 16px 0 6px; }
            h4 { font-size: 14px; margin: 12px 0 4px; }
            a { color: var(--accent); }
            p.note { color: var(--muted); font-size: 13px; margin: 4px 0 10px; }
            .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 14px; }
            .card { border: 1px solid var(--rule); border-radius: 4px; padding: 10px 12px; background: #fff; min-width: 0; }
            .card h3 { margin-top: 0; }
            .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin: 8px 0 14px; }
            .kpi { border: 1px solid var(--rule); border-left: 5px solid var(--accent); padding: 6px 10px; min-width: 0; }
            .kpi .label { display: block; font-size: 12px; color: var(--muted); }
            .kpi .value { display: block; font-size: 20px; font-weight: 600; overflow-wrap: anywhere; }
            .table-wrap { width: 100%; overflow-x: auto; margin: 6px 0 12px; }
            table { border-collapse: collapse; width: 100%; font-size: 13px; }
            caption { text-align: left; font-weight: 600; padding: 4px 0; caption-side: top; }
            th, td { border-bottom: 1px solid var(--rule); padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
            th { background: var(--band); font-weight: 600; }
            td.num, th.num { text-align: right; white-space: nowrap; }
            .rag { display: inline-block; min-width: 58px; padding: 1px 6px; border-radius: 3px; font-weight: 600; font-size: 12px; text-align: center; }
            .rag-r { background: #b3261e; color: #ffffff; }
            .rag-a { background: #f2b705; color: #1a1a1a; }
            .rag-g { background: #1e7b34; color: #ffffff; }
            .rag-none { background: #6b6b6b; color: #ffffff; }
            .flag { font-weight: 600; color: #8a1c15; }
            .callout { margin: 6px 0 2px; color: #8a1c15; }
            ul.went-red { margin: 0 0 10px; }
            ul.reasons { margin: 0; padding-left: 16px; }
            table.not-reported td { color: var(--muted); background: #ededed; }
            .band-low { background: #d7ecd9; } .band-medium { background: #ffe58a; } .band-high { background: #f4a261; } .band-critical { background: #b3261e; color: #ffffff; }
            .sev-error { color: #8a1c15; font-weight: 600; } .sev-warning { color: #6b4a00; font-weight: 600; } .sev-info { color: var(--muted); }
            .util-over { background: #b3261e; color: #ffffff; font-weight: 600; } .util-high { background: #ffe58a; } .util-ok { background: #d7ecd9; } .util-none { color: var(--muted); }
            svg.chart { max-width: 100%; height: auto; display: block; }
            .charts { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
            .charts figure { margin: 0; min-width: 0; max-width: 100%; }
            .charts figcaption { width: 0; min-width: 100%; }
            figcaption { font-size: 12px; color: var(--muted); }
            dl.glossary dt { font-weight: 600; margin-top: 6px; }
            dl.glossary dd { margin: 0 0 0 14px; font-size: 13px; }
            footer { margin-top: 24px; border-top: 1px solid var(--rule); padding-top: 6px; font-size: 12px; color: var(--muted); }
            section.page + section.page { margin-top: 18px; }
            @page { size: A4 landscape; margin: 12mm; }
            @media print {
              html { font-size: 11px; }
              body { max-width: none; padding: 0; }
              nav { display: none; }
              section.page { break-before: page; }
              section.page:first-of-type { break-before: auto; }
              figure, .card, .kpi { break-inside: avoid; }
              tr { break-inside: avoid; }
              h2, h3, caption { break-after: avoid; }
              .kpis { grid-template-columns: repeat(4, 1fr); gap: 6px; }
              .kpi .value { font-size: 15px; }
              h2 { margin-top: 12px; }
              .charts svg.chart { height: 52mm; width: auto; }
              .table-wrap { overflow: visible; }
              a { color: var(--ink); text-decoration: none; }
            }

            """#,
        "partials/trends.html.mustache": #"""
            {{#hasHistory}}
            <div class="table-wrap"><table>
            <caption>Headline figures against {{previousPeriod}}</caption>
            <thead><tr><th scope="col">Measure</th><th scope="col">Previous</th><th scope="col">Now</th><th scope="col">Change</th><th scope="col">Trend</th></tr></thead>
            <tbody>
            {{#change}}
            <tr><td>{{name}}</td><td>{{was}}</td><td>{{now}}</td><td>{{delta}}</td><td>{{{sparkSvg}}}</td></tr>
            {{/change}}
            </tbody>
            </table></div>
            <h4>RAG moves since {{previousPeriod}}</h4>
            {{#hasWentRed}}
            <p class="callout"><strong>Went Red this month:</strong></p>
            <ul class="went-red">
            {{#wentRed}}
            <li><a href="{{href}}">{{id}} {{name}}</a> (was {{was.text}})</li>
            {{/wentRed}}
            </ul>
            {{/hasWentRed}}
            {{#hasRagMoves}}
            <div class="table-wrap"><table>
            <caption>Projects whose derived RAG changed, those that went Red first</caption>
            <thead><tr><th scope="col">Project</th><th scope="col">Was</th><th scope="col">Now</th><th scope="col">Change</th></tr></thead>
            <tbody>
            {{#ragMoves}}
            <tr><td><a href="{{href}}">{{id}} {{name}}</a></td><td><span class="rag {{was.css}}">{{was.text}}</span></td><td><span class="rag {{now.css}}">{{now.text}}</span></td><td>{{#wentRed}}<span class="flag">went Red</span>{{/wentRed}}{{^wentRed}}{{direction}}{{/wentRed}}</td></tr>
            {{/ragMoves}}
            </tbody>
            </table></div>
            {{/hasRagMoves}}
            {{^hasRagMoves}}
            <p class="note">No project's derived RAG changed since {{previousPeriod}}.</p>
            {{/hasRagMoves}}
            {{#riskMoves}}
            <p>Risks since {{previousPeriod}}: {{new}} new, {{closed}} closed, {{rescored}} re-scored.</p>
            {{/riskMoves}}
            <h4>Milestones slipped since {{previousPeriod}}</h4>
            {{#hasSlipped}}
            <div class="table-wrap"><table>
            <caption>Milestones now expected later than last period's forecast, the longest slip first</caption>
            <thead><tr><th scope="col">Project</th><th scope="col">Milestone</th><th scope="col">Forecast last period</th><th scope="col">Forecast now</th><th scope="col" class="num">Slipped by</th></tr></thead>
            <tbody>
            {{#slipped}}
            <tr><td><a href="{{projectHref}}">{{project}}</a></td><td>{{id}} {{name}}</td><td>{{was}}</td><td>{{now}}</td><td class="num"><span class="flag">{{by}}</span></td></tr>
            {{/slipped}}
            </tbody>
            </table></div>
            {{/hasSlipped}}
            {{^hasSlipped}}
            <p class="note">No milestone slipped since {{previousPeriod}}.</p>
            {{/hasSlipped}}
            {{/hasHistory}}
            {{^hasHistory}}
            <p class="note">{{noHistory}}</p>
            {{/hasHistory}}

            """#,
        "partials/trends.md.mustache": #"""
            {{^hasHistory}}{{noHistory}}
            {{/hasHistory}}{{#hasHistory}}| Measure | Previous | Now | Change |
            |---|---|---|---|
            {{#change}}
            | {{name}} | {{was}} | {{now}} | {{delta}} |
            {{/change}}

            RAG moves since {{previousPeriod}}:

            {{#hasWentRed}}
            **Went Red this month:**

            {{#wentRed}}
            - [{{id}} {{name}}]({{href}}) (was {{was.text}})
            {{/wentRed}}

            {{/hasWentRed}}
            {{#hasRagMoves}}
            | Project | Was | Now | Change |
            |---|---|---|---|
            {{#ragMoves}}
            | [{{id}} {{name}}]({{href}}) | {{was.text}} | {{now.text}} | {{#wentRed}}**went Red**{{/wentRed}}{{^wentRed}}{{direction}}{{/wentRed}} |
            {{/ragMoves}}
            {{/hasRagMoves}}
            {{^hasRagMoves}}
            No project's derived RAG changed since {{previousPeriod}}.
            {{/hasRagMoves}}

            {{#riskMoves}}
            Risks since {{previousPeriod}}: {{new}} new, {{closed}} closed, {{rescored}} re-scored.
            {{/riskMoves}}

            Milestones slipped since {{previousPeriod}}:

            {{#hasSlipped}}
            | Project | Milestone | Forecast last period | Forecast now | Slipped by |
            |---|---|---|---|--:|
            {{#slipped}}
            | [{{project}}]({{projectHref}}) | {{id}} {{name}} | {{was}} | {{now}} | **{{by}}** |
            {{/slipped}}
            {{/hasSlipped}}
            {{^hasSlipped}}
            No milestone slipped since {{previousPeriod}}.
            {{/hasSlipped}}
            {{/hasHistory}}

            """#,
        "portfolio/portfolio.html.mustache": #"""
            {{> head}}
            <section class="page" id="ranking">
            <h2>Prioritisation ranking</h2>
            {{> evm}}
            {{#hasRanking}}
            <div class="table-wrap"><table>
            <caption>Active projects, best first (strategic score, then priority, then CPI)</caption>
            <thead><tr><th scope="col" class="num">Rank</th><th scope="col">Project</th><th scope="col">Programme</th><th scope="col">Stage</th><th scope="col" class="num">Strategic score</th><th scope="col" class="num">Priority</th><th scope="col" class="num">BAC</th><th scope="col" class="num">CPI</th><th scope="col" class="num">SPI</th><th scope="col">RAG</th></tr></thead>
            <tbody>
            {{#ranking}}
            <tr><td class="num">{{rank}}</td><td><a href="{{href}}">{{id}} {{name}}</a></td><td>{{programme}}</td><td>{{stage}}</td><td class="num">{{strategicScore}}</td><td class="num">{{priority}}</td><td class="num">{{bac}}</td><td class="num">{{cpi}}</td><td class="num">{{spi}}</td><td><span class="rag {{rag.css}}">{{rag.text}}</span></td></tr>
            {{/ranking}}
            </tbody>
            </table></div>
            {{/hasRanking}}
            {{^hasRanking}}
            <p class="note">No active projects.</p>
            {{/hasRanking}}
            {{> notreported}}
            <h3>Change since last period</h3>
            {{> trends}}
            </section>
            <section class="page" id="alignment">
            <h2>Strategic alignment against cost</h2>
            <figure>{{{alignmentSvg}}}<figcaption>Each active project by budget at completion (across) and strategic score (up); red squares, amber triangles, green circles.</figcaption></figure>
            <h2>Stage distribution</h2>
            <div class="charts">
            <figure>{{{stagesSvg}}}<figcaption>Projects by stage.</figcaption></figure>
            <div class="table-wrap"><table>
            <caption>Projects by stage</caption>
            <thead><tr><th scope="col">Stage</th><th scope="col" class="num">Projects</th></tr></thead>
            <tbody>
            {{#stages}}
            <tr><td>{{stage}}</td><td class="num">{{count}}</td></tr>
            {{/stages}}
            </tbody>
            </table></div>
            </div>
            </section>
            <section class="page" id="capacity">
            <h2>Capacity against demand</h2>
            {{#hasDemand}}
            <div class="table-wrap"><table>
            <caption>Planned hours against capacity by skill for the coming periods</caption>
            <thead><tr><th scope="col">Period</th><th scope="col">Skill</th><th scope="col" class="num">Demand (h)</th><th scope="col" class="num">Capacity (h)</th><th scope="col" class="num">Spare (h)</th></tr></thead>
            <tbody>
            {{#demand}}
            <tr><td>{{period}}</td><td>{{skill}}</td><td class="num">{{demand}}</td><td class="num">{{capacity}}</td><td class="num">{{gap}}{{#over}} <span class="flag">short</span>{{/over}}</td></tr>
            {{/demand}}
            </tbody>
            </table></div>
            {{/hasDemand}}
            {{^hasDemand}}
            <p class="note">No resource demand recorded for the coming periods.</p>
            {{/hasDemand}}
            </section>
            {{> glossary}}
            {{> foot}}

            """#,
        "portfolio/portfolio.md.mustache": #"""
            {{> head}}
            ## Prioritisation ranking

            {{> evm}}

            {{#hasRanking}}
            | Rank | Project | Programme | Stage | Strategic score | Priority | BAC | CPI | SPI | RAG |
            |--:|---|---|---|--:|--:|--:|--:|--:|---|
            {{#ranking}}
            | {{rank}} | [{{id}} {{name}}]({{href}}) | {{programme}} | {{stage}} | {{strategicScore}} | {{priority}} | {{bac}} | {{cpi}} | {{spi}} | {{rag.text}} |
            {{/ranking}}
            {{/hasRanking}}
            {{^hasRanking}}
            No active projects.
            {{/hasRanking}}
            {{> notreported}}

            ### Change since last period

            {{> trends}}

            ## Stage distribution

            | Stage | Projects |
            |---|--:|
            {{#stages}}
            | {{stage}} | {{count}} |
            {{/stages}}

            ## Capacity against demand

            {{#hasDemand}}
            | Period | Skill | Demand (h) | Capacity (h) | Spare (h) |
            |---|---|--:|--:|--:|
            {{#demand}}
            | {{period}} | {{skill}} | {{demand}} | {{capacity}} | {{gap}}{{#over}} **short**{{/over}} |
            {{/demand}}
            {{/hasDemand}}
            {{^hasDemand}}
            No resource demand recorded for the coming periods.
            {{/hasDemand}}

            {{> glossary}}

            {{> foot}}

            """#,
        "project/project.html.mustache": #"""
            {{> head}}
            <section class="page" id="status">
            {{#project}}
            <h2>{{id}} {{name}}</h2>
            <p>Programme: {{#hasProgramme}}<a href="{{programmeHref}}">{{programme}}</a>{{/hasProgramme}}{{^hasProgramme}}none{{/hasProgramme}} · Stage: {{stage}} · Manager: {{manager}} · Sponsor: {{sponsor}} · Priority rank: {{rank}}</p>
            <div class="kpis">
              <div class="kpi"><span class="label">Reported RAG</span><span class="value"><span class="rag {{ragReported.css}}">{{ragReported.text}}</span></span></div>
              <div class="kpi"><span class="label">Derived RAG</span><span class="value"><span class="rag {{rag.css}}">{{rag.text}}</span>{{#watermelon}} <span class="flag">watermelon</span>{{/watermelon}}</span></div>
              <div class="kpi"><span class="label">Complete</span><span class="value">{{percentComplete}}</span></div>
              <div class="kpi"><span class="label">Baseline end / forecast</span><span class="value">{{baselineEnd}} / {{forecastEnd}}</span></div>
              <div class="kpi"><span class="label">Compliance score</span><span class="value">{{compliance}}</span></div>
              <div class="kpi"><span class="label">Last update</span><span class="value">{{lastUpdated}}{{#stale}} <span class="flag">stale</span>{{/stale}}</span></div>
            </div>
            <p><strong>Status:</strong> {{statusSummary}}</p>
            {{#hasHistory}}
            <p>RAG trend: {{trend}}</p>
            <figure>{{{trendSvg}}}<figcaption>CPI (solid) and SPI (dashed) over the recorded periods; the dotted line is 1.0.</figcaption></figure>
            {{/hasHistory}}
            {{/project}}
            {{#hasHistory}}
            <h3>Milestones slipped since {{previousPeriod}}</h3>
            {{#hasSlipped}}
            <div class="table-wrap"><table>
            <caption>Milestones now expected later than last period's forecast</caption>
            <thead><tr><th scope="col">Milestone</th><th scope="col">Forecast last period</th><th scope="col">Forecast now</th><th scope="col" class="num">Slipped by</th></tr></thead>
            <tbody>
            {{#slipped}}
            <tr><td>{{id}} {{name}}</td><td>{{was}}</td><td>{{now}}</td><td class="num"><span class="flag">{{by}}</span></td></tr>
            {{/slipped}}
            </tbody>
            </table></div>
            {{/hasSlipped}}
            {{^hasSlipped}}
            <p class="note">No milestone slipped since {{previousPeriod}}.</p>
            {{/hasSlipped}}
            {{/hasHistory}}
            {{^hasHistory}}
            <p class="note">{{noHistory}}</p>
            {{/hasHistory}}
            {{> evm}}
            <figure>{{{sCurveSvg}}}<figcaption>Cumulative planned value (solid), earned value (dashed) and actual cost (dotted).</figcaption></figure>
            <h3>Decisions and escalations</h3>
            {{> decisions}}
            </section>
            <section class="page" id="detail">
            <h2>Milestones, risks and issues</h2>
            {{#hasMilestones}}
            <div class="table-wrap"><table>
            <caption>Milestones</caption>
            {{> milestonehead}}
            <tbody>
            {{#milestones}}
            {{> milestonerow}}
            {{/milestones}}
            </tbody>
            </table></div>
            {{/hasMilestones}}
            {{^hasMilestones}}
            <p class="note">No milestones.</p>
            {{/hasMilestones}}
            {{#hasRisks}}
            <div class="table-wrap"><table>
            <caption>Open risks</caption>
            {{> riskhead}}
            <tbody>
            {{#risks}}
            {{> riskrow}}
            {{/risks}}
            </tbody>
            </table></div>
            {{/hasRisks}}
            {{^hasRisks}}
            <p class="note">No open risks.</p>
            {{/hasRisks}}
            {{#hasIssues}}
            <div class="table-wrap"><table>
            <caption>Open issues</caption>
            {{> issuehead}}
            <tbody>
            {{#issues}}
            {{> issuerow}}
            {{/issues}}
            </tbody>
            </table></div>
            {{/hasIssues}}
            {{#hasDependencies}}
            <div class="table-wrap"><table>
            <caption>Dependencies</caption>
            {{> dependencyhead}}
            <tbody>
            {{#dependencies}}
            {{> dependencyrow}}
            {{/dependencies}}
            </tbody>
            </table></div>
            {{/hasDependencies}}
            {{#hasBenefits}}
            <div class="table-wrap"><table>
            <caption>Benefits</caption>
            {{> benefithead}}
            <tbody>
            {{#benefits}}
            {{> benefitrow}}
            {{/benefits}}
            </tbody>
            </table></div>
            {{/hasBenefits}}
            {{#hasFindings}}
            <div class="table-wrap"><table>
            <caption>Governance findings</caption>
            {{> findinghead}}
            <tbody>
            {{#findings}}
            {{> findingrow}}
            {{/findings}}
            </tbody>
            </table></div>
            {{/hasFindings}}
            {{^hasFindings}}
            <p class="note">No governance findings.</p>
            {{/hasFindings}}
            </section>
            {{> foot}}

            """#,
        "project/project.md.mustache": #"""
            {{> head}}
            {{#project}}
            ## {{id}} {{name}}

            Programme: {{programme}} · Stage: {{stage}} · Manager: {{manager}} · Sponsor: {{sponsor}} · Priority rank: {{rank}}

            | Reported RAG | Derived RAG | Complete | Baseline end | Forecast end | Compliance | Last update |
            |---|---|--:|---|---|--:|---|
            | {{ragReported.text}} | {{rag.text}}{{#watermelon}} **watermelon**{{/watermelon}} | {{percentComplete}} | {{baselineEnd}} | {{forecastEnd}} | {{compliance}} | {{lastUpdated}}{{#stale}} **stale**{{/stale}} |

            Status: {{statusSummary}}

            {{#hasHistory}}
            RAG trend: {{trend}}

            {{/hasHistory}}
            {{/project}}
            {{#hasHistory}}
            Milestones slipped since {{previousPeriod}}:

            {{#hasSlipped}}
            | Milestone | Forecast last period | Forecast now | Slipped by |
            |---|---|---|--:|
            {{#slipped}}
            | {{id}} {{name}} | {{was}} | {{now}} | **{{by}}** |
            {{/slipped}}
            {{/hasSlipped}}
            {{^hasSlipped}}
            No milestone slipped since {{previousPeriod}}.
            {{/hasSlipped}}
            {{/hasHistory}}
            {{^hasHistory}}
            {{noHistory}}
            {{/hasHistory}}

            {{> evm}}

            ### Decisions and escalations

            {{> decisions}}

            ### Milestones

            {{#hasMilestones}}
            {{> milestonehead}}
            {{#milestones}}
            {{> milestonerow}}
            {{/milestones}}
            {{/hasMilestones}}
            {{^hasMilestones}}
            No milestones.
            {{/hasMilestones}}

            ### Open risks

            {{#hasRisks}}
            {{> riskhead}}
            {{#risks}}
            {{> riskrow}}
            {{/risks}}
            {{/hasRisks}}
            {{^hasRisks}}
            No open risks.
            {{/hasRisks}}

            ### Open issues

            {{#hasIssues}}
            {{> issuehead}}
            {{#issues}}
            {{> issuerow}}
            {{/issues}}
            {{/hasIssues}}
            {{^hasIssues}}
            No open issues.
            {{/hasIssues}}

            ### Dependencies

            {{#hasDependencies}}
            {{> dependencyhead}}
            {{#dependencies}}
            {{> dependencyrow}}
            {{/dependencies}}
            {{/hasDependencies}}
            {{^hasDependencies}}
            No dependencies.
            {{/hasDependencies}}

            ### Benefits

            {{#hasBenefits}}
            {{> benefithead}}
            {{#benefits}}
            {{> benefitrow}}
            {{/benefits}}
            {{/hasBenefits}}
            {{^hasBenefits}}
            No benefits registered.
            {{/hasBenefits}}

            ### Governance findings

            {{#hasFindings}}
            {{> findinghead}}
            {{#findings}}
            {{> findingrow}}
            {{/findings}}
            {{/hasFindings}}
            {{^hasFindings}}
            No governance findings.
            {{/hasFindings}}

            {{> foot}}

            """#,
        "resource/resource.html.mustache": #"""
            {{> head}}
            <section class="page" id="utilisation">
            <h2>Utilisation</h2>
            {{#summary}}
            <p>{{people}} people; {{overAllocated}} over-allocated in {{periodCode}}, {{conflicts}} of them across two or more projects (conflicts).</p>
            {{/summary}}
            <div class="table-wrap"><table>
            <caption>Planned hours as a share of capacity, people by period (over 100% is over-allocated)</caption>
            <thead><tr><th scope="col">Person</th><th scope="col" class="num">Capacity (h)</th>{{#periods}}<th scope="col" class="num">{{period}}</th>{{/periods}}</tr></thead>
            <tbody>
            {{#grid}}
            <tr><td>{{person}}</td><td class="num">{{capacity}}</td>{{#cells}}<td class="num {{css}}">{{text}}{{#over}} ▲{{/over}}</td>{{/cells}}</tr>
            {{/grid}}
            </tbody>
            </table></div>
            <p class="note">{{gridMore}}</p>
            </section>
            <section class="page" id="overallocation">
            <h2>Over-allocations and conflicts</h2>
            {{#hasOverAllocated}}
            <figure>{{{utilisationSvg}}}<figcaption>Utilisation of over-allocated people; the dashed line is 100%.</figcaption></figure>
            <div class="table-wrap"><table>
            <caption>Over-allocated people in {{periodCode}}</caption>
            <thead><tr><th scope="col">Person</th><th scope="col">Department</th><th scope="col" class="num">Capacity (h)</th><th scope="col" class="num">Planned (h)</th><th scope="col" class="num">Actual (h)</th><th scope="col" class="num">Utilisation</th><th scope="col">Projects</th></tr></thead>
            <tbody>
            {{#overAllocated}}
            <tr><td>{{person}}</td><td>{{department}}</td><td class="num">{{capacity}}</td><td class="num">{{planned}}</td><td class="num">{{actual}}</td><td class="num">{{utilisation}}</td><td>{{projectList}}{{#conflict}} <span class="flag">conflict</span>{{/conflict}}</td></tr>
            {{/overAllocated}}
            </tbody>
            </table></div>
            {{/hasOverAllocated}}
            {{^hasOverAllocated}}
            <p class="note">Nobody is over-allocated.</p>
            {{/hasOverAllocated}}
            <h2>Demand against capacity by skill</h2>
            {{#hasDemand}}
            <div class="table-wrap"><table>
            <caption>Planned hours against capacity by skill for the coming periods</caption>
            <thead><tr><th scope="col">Period</th><th scope="col">Skill</th><th scope="col" class="num">Demand (h)</th><th scope="col" class="num">Capacity (h)</th><th scope="col" class="num">Spare (h)</th></tr></thead>
            <tbody>
            {{#demand}}
            <tr><td>{{period}}</td><td>{{skill}}</td><td class="num">{{demand}}</td><td class="num">{{capacity}}</td><td class="num">{{gap}}{{#over}} <span class="flag">short</span>{{/over}}</td></tr>
            {{/demand}}
            </tbody>
            </table></div>
            {{/hasDemand}}
            {{^hasDemand}}
            <p class="note">No resource demand recorded for the coming periods.</p>
            {{/hasDemand}}
            </section>
            {{> glossary}}
            {{> foot}}

            """#,
        "resource/resource.md.mustache": #"""
            {{> head}}
            ## Over-allocations and conflicts

            {{#summary}}
            {{people}} people; {{overAllocated}} over-allocated in {{periodCode}}, {{conflicts}} across two or more projects.
            {{/summary}}

            {{#hasOverAllocated}}
            | Person | Department | Capacity (h) | Planned (h) | Actual (h) | Utilisation | Projects |
            |---|---|--:|--:|--:|--:|---|
            {{#overAllocated}}
            | {{person}} | {{department}} | {{capacity}} | {{planned}} | {{actual}} | {{utilisation}} | {{projectList}}{{#conflict}} **conflict**{{/conflict}} |
            {{/overAllocated}}
            {{/hasOverAllocated}}
            {{^hasOverAllocated}}
            Nobody is over-allocated.
            {{/hasOverAllocated}}

            ## Utilisation by period

            | Person | Capacity (h) |{{#periods}} {{period}} |{{/periods}}
            |---|--:|{{#periods}}--:|{{/periods}}
            {{#grid}}
            | {{person}} | {{capacity}} |{{#cells}} {{text}}{{#over}} ▲{{/over}} |{{/cells}}
            {{/grid}}

            {{gridMore}}

            ## Demand against capacity by skill

            {{#hasDemand}}
            | Period | Skill | Demand (h) | Capacity (h) | Spare (h) |
            |---|---|--:|--:|--:|
            {{#demand}}
            | {{period}} | {{skill}} | {{demand}} | {{capacity}} | {{gap}}{{#over}} **short**{{/over}} |
            {{/demand}}
            {{/hasDemand}}
            {{^hasDemand}}
            No resource demand recorded for the coming periods.
            {{/hasDemand}}

            {{> glossary}}

            {{> foot}}

            """#,
        "risk/risk.html.mustache": #"""
            {{> head}}
            <section class="page" id="overview">
            <h2>Risk profile</h2>
            {{#summary}}
            <div class="kpis">
              <div class="kpi"><span class="label">Open risks</span><span class="value">{{openRisks}}</span></div>
              <div class="kpi"><span class="label">Critical (score 15+)</span><span class="value">{{criticalRisks}}</span></div>
              <div class="kpi"><span class="label">Open exposure</span><span class="value">{{exposure}}</span></div>
              <div class="kpi"><span class="label">Escalations due (score {{threshold}}+)</span><span class="value">{{escalationDue}}</span></div>
              <div class="kpi"><span class="label">Aged (over {{agedDays}} days)</span><span class="value">{{agedRisks}}</span></div>
              <div class="kpi"><span class="label">Exposure in top {{concentrationTop}} projects</span><span class="value">{{concentration}}</span></div>
            </div>
            <p>Bands of open risks: low {{low}}, medium {{medium}}, high {{high}}, critical {{critical}}.</p>
            {{/summary}}
            <div class="charts">
            <figure>{{{heatMapSvg}}}<figcaption>Open risks by probability (P) and impact (I); each cell shows its count.</figcaption></figure>
            <figure>{{{categorySvg}}}<figcaption>Open exposure by category; "(breach)" marks a category over its appetite.</figcaption></figure>
            </div>
            <div class="table-wrap"><table>
            <caption>Exposure by category against appetite</caption>
            <thead><tr><th scope="col">Category</th><th scope="col" class="num">Open risks</th><th scope="col" class="num">Exposure</th><th scope="col" class="num">Appetite</th><th scope="col">Position</th></tr></thead>
            <tbody>
            {{#categories}}
            <tr><td>{{category}}</td><td class="num">{{openRisks}}</td><td class="num">{{exposure}}</td><td class="num">{{appetite}}</td><td>{{#breach}}<span class="flag">{{status}}</span>{{/breach}}{{^breach}}{{status}}{{/breach}}</td></tr>
            {{/categories}}
            </tbody>
            </table></div>
            <h3>Changes since last period</h3>
            {{#hasHistory}}
            <figure>{{{exposureSvg}}}<figcaption>Open risk exposure over the recorded periods.</figcaption></figure>
            <h4>New risks since {{previousPeriod}}</h4>
            {{#hasNewRisks}}
            <div class="table-wrap"><table>
            <caption>Open risks not open in {{previousPeriod}}</caption>
            {{> riskhead}}
            <tbody>
            {{#newRisks}}
            {{> riskrow}}
            {{/newRisks}}
            </tbody>
            </table></div>
            {{/hasNewRisks}}
            {{^hasNewRisks}}
            <p class="note">No new risks.</p>
            {{/hasNewRisks}}
            <h4>Closed since {{previousPeriod}}</h4>
            {{#hasClosedRisks}}
            <div class="table-wrap"><table>
            <caption>Risks open in {{previousPeriod}} that are now closed or no longer in the register</caption>
            <thead><tr><th scope="col">Project</th><th scope="col">Risk</th><th scope="col" class="num">Score then</th></tr></thead>
            <tbody>
            {{#closedRisks}}
            <tr><td><a href="{{projectHref}}">{{project}}</a></td><td>{{id}} {{title}}</td><td class="num">{{score}}</td></tr>
            {{/closedRisks}}
            </tbody>
            </table></div>
            {{/hasClosedRisks}}
            {{^hasClosedRisks}}
            <p class="note">No risks closed.</p>
            {{/hasClosedRisks}}
            <h4>Re-scored since {{previousPeriod}}</h4>
            {{#hasRescoredRisks}}
            <div class="table-wrap"><table>
            <caption>Open risks whose score changed (probability x impact)</caption>
            <thead><tr><th scope="col">Project</th><th scope="col">Risk</th><th scope="col">Owner</th><th scope="col" class="num">Score</th><th scope="col" class="num">Change</th><th scope="col">Band now</th></tr></thead>
            <tbody>
            {{#rescoredRisks}}
            <tr><td><a href="{{projectHref}}">{{project}}</a></td><td>{{id}} {{title}}</td><td>{{owner}}</td><td class="num">{{change}}</td><td class="num">{{delta}}</td><td class="{{bandCss}}">{{band}}</td></tr>
            {{/rescoredRisks}}
            </tbody>
            </table></div>
            {{/hasRescoredRisks}}
            {{^hasRescoredRisks}}
            <p class="note">No open risk was re-scored.</p>
            {{/hasRescoredRisks}}
            {{/hasHistory}}
            {{^hasHistory}}
            <p class="note">{{noHistory}}</p>
            {{/hasHistory}}
            </section>
            <section class="page" id="escalations">
            <h2>Escalations and ownership</h2>
            {{#hasEscalations}}
            <div class="table-wrap"><table>
            <caption>Escalations due: open, at or above the threshold, not escalated</caption>
            {{> riskhead}}
            <tbody>
            {{#escalations}}
            {{> riskrow}}
            {{/escalations}}
            </tbody>
            </table></div>
            {{/hasEscalations}}
            {{^hasEscalations}}
            <p class="note">No escalations due.</p>
            {{/hasEscalations}}
            {{#hasUnowned}}
            <div class="table-wrap"><table>
            <caption>Open risks without an owner</caption>
            {{> riskhead}}
            <tbody>
            {{#unowned}}
            {{> riskrow}}
            {{/unowned}}
            </tbody>
            </table></div>
            {{/hasUnowned}}
            {{^hasUnowned}}
            <p class="note">Every open risk has an owner.</p>
            {{/hasUnowned}}
            {{#hasTop}}
            <div class="table-wrap"><table>
            <caption>Ten highest-scoring open risks</caption>
            {{> riskhead}}
            <tbody>
            {{#top}}
            {{> riskrow}}
            {{/top}}
            </tbody>
            </table></div>
            {{/hasTop}}
            </section>
            <section class="page" id="concentration">
            <h2>Concentration and ageing</h2>
            <div class="table-wrap"><table>
            <caption>Projects with the most open exposure</caption>
            <thead><tr><th scope="col">Project</th><th scope="col" class="num">Open risks</th><th scope="col" class="num">Critical</th><th scope="col" class="num">Exposure</th><th scope="col" class="num">Escalations due</th></tr></thead>
            <tbody>
            {{#concentration}}
            <tr><td><a href="{{href}}">{{id}} {{name}}</a></td><td class="num">{{openRisks}}</td><td class="num">{{criticalRisks}}</td><td class="num">{{exposure}}</td><td class="num">{{escalationDue}}</td></tr>
            {{/concentration}}
            </tbody>
            </table></div>
            {{#hasAged}}
            <div class="table-wrap"><table>
            <caption>Aged open risks: not reviewed in the last {{#summary}}{{agedDays}}{{/summary}} days</caption>
            {{> riskhead}}
            <tbody>
            {{#aged}}
            {{> riskrow}}
            {{/aged}}
            </tbody>
            </table></div>
            <p class="note">{{agedMore}}</p>
            {{/hasAged}}
            {{^hasAged}}
            <p class="note">No aged open risks.</p>
            {{/hasAged}}
            </section>
            {{> glossary}}
            {{> foot}}

            """#,
        "risk/risk.md.mustache": #"""
            {{> head}}
            ## Risk profile

            {{#summary}}
            Open risks {{openRisks}} · critical {{criticalRisks}} · exposure {{exposure}} · escalations due {{escalationDue}} · aged (over {{agedDays}} days) {{agedRisks}} · exposure in the top {{concentrationTop}} projects {{concentration}}

            Bands: low {{low}}, medium {{medium}}, high {{high}}, critical {{critical}}.
            {{/summary}}

            | Category | Open risks | Exposure | Appetite | Position |
            |---|--:|--:|--:|---|
            {{#categories}}
            | {{category}} | {{openRisks}} | {{exposure}} | {{appetite}} | {{#breach}}**{{status}}**{{/breach}}{{^breach}}{{status}}{{/breach}} |
            {{/categories}}

            ## Changes since last period

            {{#hasHistory}}
            ### New risks since {{previousPeriod}}

            {{#hasNewRisks}}
            {{> riskhead}}
            {{#newRisks}}
            {{> riskrow}}
            {{/newRisks}}
            {{/hasNewRisks}}
            {{^hasNewRisks}}
            No new risks.
            {{/hasNewRisks}}

            ### Closed since {{previousPeriod}}

            {{#hasClosedRisks}}
            | Project | Risk | Score then |
            |---|---|--:|
            {{#closedRisks}}
            | [{{project}}]({{projectHref}}) | {{id}} {{title}} | {{score}} |
            {{/closedRisks}}
            {{/hasClosedRisks}}
            {{^hasClosedRisks}}
            No risks closed.
            {{/hasClosedRisks}}

            ### Re-scored since {{previousPeriod}}

            {{#hasRescoredRisks}}
            | Project | Risk | Owner | Score | Change | Band now |
            |---|---|---|--:|--:|---|
            {{#rescoredRisks}}
            | [{{project}}]({{projectHref}}) | {{id}} {{title}} | {{owner}} | {{change}} | {{delta}} | {{band}} |
            {{/rescoredRisks}}
            {{/hasRescoredRisks}}
            {{^hasRescoredRisks}}
            No open risk was re-scored.
            {{/hasRescoredRisks}}
            {{/hasHistory}}
            {{^hasHistory}}
            {{noHistory}}
            {{/hasHistory}}

            ## Escalations due

            {{#hasEscalations}}
            {{> riskhead}}
            {{#escalations}}
            {{> riskrow}}
            {{/escalations}}
            {{/hasEscalations}}
            {{^hasEscalations}}
            No escalations due.
            {{/hasEscalations}}

            ## Open risks without an owner

            {{#hasUnowned}}
            {{> riskhead}}
            {{#unowned}}
            {{> riskrow}}
            {{/unowned}}
            {{/hasUnowned}}
            {{^hasUnowned}}
            Every open risk has an owner.
            {{/hasUnowned}}

            ## Concentration

            | Project | Open risks | Critical | Exposure | Escalations due |
            |---|--:|--:|--:|--:|
            {{#concentration}}
            | [{{id}} {{name}}]({{href}}) | {{openRisks}} | {{criticalRisks}} | {{exposure}} | {{escalationDue}} |
            {{/concentration}}

            ## Aged risks

            {{#hasAged}}
            {{> riskhead}}
            {{#aged}}
            {{> riskrow}}
            {{/aged}}

            {{agedMore}}
            {{/hasAged}}
            {{^hasAged}}
            No aged open risks.
            {{/hasAged}}

            {{> glossary}}

            {{> foot}}

            """#,
        "steering/steering.html.mustache": #"""
            {{> head}}
            <section class="page" id="overview">
            {{#programme}}
            <h2>{{id}} {{name}}</h2>
            <p>Manager: {{manager}} · Sponsor: {{sponsor}} · Objective: {{objective}}</p>
            <div class="kpis">
              <div class="kpi"><span class="label">Programme RAG (derived)</span><span class="value"><span class="rag {{rag.css}}">{{rag.text}}</span></span></div>
              <div class="kpi"><span class="label">Projects (active)</span><span class="value">{{projects}} ({{active}})</span></div>
              <div class="kpi"><span class="label">Open risks (critical)</span><span class="value">{{openRisks}} ({{criticalRisks}})</span></div>
              <div class="kpi"><span class="label">Open risk exposure</span><span class="value">{{exposure}}</span></div>
            </div>
            {{/programme}}
            <div class="charts">
              <figure>{{{ragDonutSvg}}}<figcaption>Active projects of the programme by derived RAG.</figcaption></figure>
            </div>
            {{> evm}}
            {{#hasHistory}}
            <h3>Change since last period</h3>
            {{> trends}}
            {{/hasHistory}}
            <h3>Projects</h3>
            {{^hasHistory}}
            <p class="note">{{noHistory}}</p>
            {{/hasHistory}}
            <div class="table-wrap"><table>
            <caption>Projects' RAG, earned value and schedule</caption>
            <thead><tr><th scope="col">Project</th><th scope="col">Stage</th><th scope="col">Reported</th><th scope="col">Derived</th><th scope="col">Trend</th><th scope="col" class="num">CPI</th><th scope="col" class="num">SPI</th><th scope="col" class="num">EAC</th><th scope="col">Forecast end slip</th><th scope="col" class="num">Open risks</th><th scope="col">Last update</th></tr></thead>
            <tbody>
            {{#projects}}
            <tr><td><a href="{{href}}">{{id}} {{name}}</a></td><td>{{stage}}</td><td><span class="rag {{ragReported.css}}">{{ragReported.text}}</span></td><td><span class="rag {{rag.css}}">{{rag.text}}</span>{{#watermelon}} <span class="flag">watermelon</span>{{/watermelon}}</td><td>{{trend}}{{#hasHistory}}<br>{{{trendSvg}}}{{/hasHistory}}</td><td class="num">{{cpi}}</td><td class="num">{{spi}}</td><td class="num">{{eac}}</td><td>{{endSlip}}</td><td class="num">{{openRisks}}</td><td>{{lastUpdated}}{{#stale}} <span class="flag">stale</span>{{/stale}}</td></tr>
            {{/projects}}
            </tbody>
            </table></div>
            {{> notreported}}
            <h3>Decisions and escalations</h3>
            {{> decisions}}
            </section>

            <section class="page" id="delivery">
            <h2>Milestones and dependencies</h2>
            {{#hasMilestones}}
            <div class="table-wrap"><table>
            <caption>Milestones due by the end of next period, slipped or missed</caption>
            {{> milestonehead}}
            <tbody>
            {{#milestones}}
            {{> milestonerow}}
            {{/milestones}}
            </tbody>
            </table></div>
            {{/hasMilestones}}
            {{^hasMilestones}}
            <p class="note">No milestones due, slipped or missed.</p>
            {{/hasMilestones}}
            {{#hasDependencies}}
            <div class="table-wrap"><table>
            <caption>Open dependencies touching the programme</caption>
            {{> dependencyhead}}
            <tbody>
            {{#dependencies}}
            {{> dependencyrow}}
            {{/dependencies}}
            </tbody>
            </table></div>
            {{/hasDependencies}}
            {{^hasDependencies}}
            <p class="note">No open dependencies.</p>
            {{/hasDependencies}}
            </section>

            <section class="page" id="risks">
            <h2>Risks and issues</h2>
            {{#hasRisks}}
            <div class="table-wrap"><table>
            <caption>Open risks, highest score first (up to 15)</caption>
            {{> riskhead}}
            <tbody>
            {{#risks}}
            {{> riskrow}}
            {{/risks}}
            </tbody>
            </table></div>
            {{/hasRisks}}
            {{^hasRisks}}
            <p class="note">No open risks.</p>
            {{/hasRisks}}
            {{#hasIssues}}
            <div class="table-wrap"><table>
            <caption>Open issues</caption>
            {{> issuehead}}
            <tbody>
            {{#issues}}
            {{> issuerow}}
            {{/issues}}
            </tbody>
            </table></div>
            {{/hasIssues}}
            {{^hasIssues}}
            <p class="note">No open issues.</p>
            {{/hasIssues}}
            </section>

            <section class="page" id="benefits">
            <h2>Benefits</h2>
            {{#hasBenefits}}
            <figure>{{{benefitsSvg}}}<figcaption>Realisation against target; "(shortfall)" marks a benefit short of target past its target date.</figcaption></figure>
            {{#hasBenefitsChartMore}}
            <p class="note">{{benefitsChartMore}}</p>
            {{/hasBenefitsChartMore}}
            <div class="table-wrap"><table>
            <caption>Benefits of the programme's projects</caption>
            {{> benefithead}}
            <tbody>
            {{#benefits}}
            {{> benefitrow}}
            {{/benefits}}
            </tbody>
            </table></div>
            {{/hasBenefits}}
            {{^hasBenefits}}
            <p class="note">No benefits registered.</p>
            {{/hasBenefits}}
            </section>
            {{> glossary}}
            {{> foot}}

            """#,
        "steering/steering.md.mustache": #"""
            {{> head}}
            {{#programme}}
            ## {{id}} {{name}}

            Manager: {{manager}} · Sponsor: {{sponsor}} · Objective: {{objective}}

            Programme RAG (derived): **{{rag.text}}** · Projects {{projects}} ({{active}} active) · Open risks {{openRisks}} ({{criticalRisks}} critical) · Exposure {{exposure}}
            {{/programme}}

            {{> evm}}

            {{#hasHistory}}
            ### Change since last period

            {{> trends}}

            {{/hasHistory}}
            ### Projects

            {{^hasHistory}}
            {{noHistory}}

            {{/hasHistory}}
            | Project | Stage | Reported | Derived | Trend | CPI | SPI | EAC | Forecast end slip | Open risks | Last update |
            |---|---|---|---|---|--:|--:|--:|---|--:|---|
            {{#projects}}
            | [{{id}} {{name}}]({{href}}) | {{stage}} | {{ragReported.text}} | {{rag.text}}{{#watermelon}} **watermelon**{{/watermelon}} | {{trend}} | {{cpi}} | {{spi}} | {{eac}} | {{endSlip}} | {{openRisks}} | {{lastUpdated}}{{#stale}} **stale**{{/stale}} |
            {{/projects}}
            {{> notreported}}

            ### Decisions and escalations

            {{> decisions}}

            ## Milestones due, slipped or missed

            {{#hasMilestones}}
            {{> milestonehead}}
            {{#milestones}}
            {{> milestonerow}}
            {{/milestones}}
            {{/hasMilestones}}
            {{^hasMilestones}}
            No milestones due, slipped or missed.
            {{/hasMilestones}}

            ## Dependencies

            {{#hasDependencies}}
            {{> dependencyhead}}
            {{#dependencies}}
            {{> dependencyrow}}
            {{/dependencies}}
            {{/hasDependencies}}
            {{^hasDependencies}}
            No open dependencies.
            {{/hasDependencies}}

            ## Risks

            {{#hasRisks}}
            {{> riskhead}}
            {{#risks}}
            {{> riskrow}}
            {{/risks}}
            {{/hasRisks}}
            {{^hasRisks}}
            No open risks.
            {{/hasRisks}}

            ## Issues

            {{#hasIssues}}
            {{> issuehead}}
            {{#issues}}
            {{> issuerow}}
            {{/issues}}
            {{/hasIssues}}
            {{^hasIssues}}
            No open issues.
            {{/hasIssues}}

            ## Benefits

            {{#hasBenefits}}
            {{> benefithead}}
            {{#benefits}}
            {{> benefitrow}}
            {{/benefits}}
            {{/hasBenefits}}
            {{^hasBenefits}}
            No benefits registered.
            {{/hasBenefits}}

            {{> glossary}}

            {{> foot}}

            """#,
    ]
}
