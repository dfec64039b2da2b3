import json, os

JOBS = [
 {
  "key": "analytics-engineer",
  "title": "Analytics Engineer",
  "description": (
    "Harbourline Retail runs 140 homeware and grocery stores across the United Kingdom and a fast-growing online shop. "
    "Our Data & Insight team in Leeds is moving from a tangle of hand-written reporting queries to a properly modelled "
    "warehouse, and we are hiring an Analytics Engineer to help lead that shift.\n\n"
    "You will own the transformation layer between raw data and the people who use it. Sales, stock, loyalty-card and "
    "web events land in Snowflake through Fivetran; you will turn them into clean, tested, documented dbt models "
    "(staging, intermediate and marts) that the business can trust. Typical work: building a daily store-by-SKU sales "
    "fact, modelling promotions and markdowns, writing dbt tests and source freshness checks, reviewing pull requests "
    "in GitHub, and keeping our Airflow schedules healthy.\n\n"
    "You will work closely with our BI developers, who build the Looker and Power BI dashboards that store managers "
    "and buyers read every morning, and with the data scientists who forecast demand and need reliable feature tables. "
    "Part of the job is agreeing metric definitions (what counts as a 'like-for-like' sale?) with finance and trading, "
    "and writing them down in the semantic layer so every dashboard tells the same story.\n\n"
    "We work in two-week sprints, with a hybrid pattern of two days a week in our Leeds office. Salary GBP 52,000 to "
    "62,000 plus staff discount, pension matching up to 6% and 25 days' holiday. We welcome applicants who have come "
    "to analytics engineering from analyst, BI or software roles."
  ),
  "requirements": "\n".join([
    "- Strong SQL, including window functions and writing performant queries on a cloud warehouse",
    "- Hands-on experience building and testing models in dbt (or a comparable transformation framework)",
    "- Experience with a cloud data warehouse such as Snowflake, BigQuery or Redshift",
    "- Understanding of dimensional modelling (facts, dimensions, slowly changing dimensions)",
    "- Version control with Git and a code-review workflow; some CI for data projects is a plus",
    "- Familiarity with orchestration (Airflow or similar) and ELT tools such as Fivetran",
    "- Able to explain data definitions to non-technical colleagues in trading and finance",
    "- Retail, e-commerce or loyalty data experience is desirable",
  ]),
  "skills": [
    {"name": "SQL", "weight": 3.0},
    {"name": "dbt", "weight": 3.0},
    {"name": "Snowflake", "weight": 2.0},
    {"name": "Dimensional modelling", "weight": 2.5},
    {"name": "Git", "weight": 1.5},
    {"name": "Airflow", "weight": 1.0},
    {"name": "Data testing and documentation", "weight": 2.0},
    {"name": "Looker", "weight": 0.8},
    {"name": "Python", "weight": 1.0},
    {"name": "Stakeholder communication", "weight": 1.2},
  ],
 },
 {
  "key": "data-scientist",
  "title": "Data Scientist (Experimentation & Forecasting)",
  "description": (
    "Kettle & Crate is a meal-kit subscription business delivering around 90,000 boxes a week in the Netherlands, "
    "Belgium and Germany. Almost every product decision we make, from a new recipe menu to a change in the pause "
    "button, is tested before it ships, and our operations depend on knowing how many boxes we will pack next week. "
    "We are hiring a Data Scientist in Amsterdam to strengthen both sides of that work.\n\n"
    "On experimentation, you will design A/B tests with product managers, choose metrics and sample sizes, check for "
    "sample ratio mismatch, analyse results (including variance reduction such as CUPED) and write clear "
    "recommendations. On forecasting, you will own our weekly order and churn forecasts, which feed ingredient "
    "purchasing and warehouse staffing: time-series and survival models in Python, back-tested and monitored.\n\n"
    "You will sit in the central Data team alongside analytics engineers, who maintain our dbt models in BigQuery, "
    "and BI developers, who turn results into Looker dashboards for the business. You will not be expected to build "
    "dashboards, but you will be expected to write production-quality Python, review colleagues' analyses and explain "
    "uncertainty to people who would rather have a single number.\n\n"
    "We offer EUR 70,000 to 85,000, a hybrid pattern (three days in our Amsterdam office), a learning budget, and of "
    "course a free weekly box. English is our working language; Dutch is not required."
  ),
  "requirements": "\n".join([
    "- 3+ years applying statistics or machine learning to business problems, or an equivalent research background",
    "- Solid grounding in experimental design and hypothesis testing (power, multiple testing, variance reduction)",
    "- Experience with time-series forecasting (e.g. Prophet, ARIMA/ETS, gradient boosting on lag features)",
    "- Fluent Python (pandas, statsmodels, scikit-learn) and SQL",
    "- Experience with churn, retention or survival analysis in a subscription setting is a strong plus",
    "- Bayesian methods, causal inference or uplift modelling are a plus",
    "- Clear written communication of results and uncertainty to non-specialists",
  ]),
  "skills": [
    {"name": "Python", "weight": 2.5},
    {"name": "A/B testing and experiment design", "weight": 3.0},
    {"name": "Statistics", "weight": 2.5},
    {"name": "Time-series forecasting", "weight": 2.5},
    {"name": "SQL", "weight": 1.5},
    {"name": "Churn and survival analysis", "weight": 1.5},
    {"name": "scikit-learn", "weight": 1.0},
    {"name": "Causal inference", "weight": 1.2},
    {"name": "Communicating results", "weight": 1.5},
  ],
 },
 {
  "key": "bi-developer",
  "title": "Business Intelligence Developer",
  "description": (
    "Northmoor Hospitals NHS Foundation Trust runs two acute hospitals and a network of community services for "
    "around 600,000 people in the north of England. Our Business Intelligence team produces the reporting that "
    "keeps the Trust running: daily bed and flow dashboards, emergency department four-hour performance, referral "
    "to treatment (RTT) waiting lists, cancer targets and the monthly board pack.\n\n"
    "We are looking for a BI Developer to design, build and maintain Power BI reports and the SQL Server data "
    "behind them. You will write T-SQL stored procedures and views against our data warehouse, maintain SSIS "
    "packages that load data from the patient administration system and ED system, build data models with DAX "
    "measures, and publish reports to the Power BI service with row-level security so each division sees its own "
    "patients. You will also help with national submissions such as SUS and ECDS data quality.\n\n"
    "You will work with the Trust's information analysts, who answer ad-hoc questions, and with our small data "
    "engineering and data science group, who are starting to build forecasting models for bed demand that will need "
    "to be surfaced in your reports. Much of the job is talking to matrons, operational managers and consultants to "
    "understand what they really need to see.\n\n"
    "Band 6, GBP 37,338 to 44,962, 37.5 hours, hybrid working from our Northmoor General site. NHS pension and "
    "27 days' annual leave rising with service."
  ),
  "requirements": "\n".join([
    "- Experience building reports and data models in Power BI (DAX, Power Query) or a similar BI tool",
    "- Good T-SQL: stored procedures, views, performance tuning on SQL Server",
    "- Experience with ETL, ideally SSIS or Azure Data Factory",
    "- Understanding of data warehousing and star-schema design",
    "- Knowledge of NHS data sets (SUS, ECDS, RTT, PAS) is desirable",
    "- Able to gather requirements from clinical and operational staff and present information clearly",
    "- Awareness of information governance and data protection in a healthcare setting",
  ]),
  "skills": [
    {"name": "Power BI", "weight": 3.0},
    {"name": "DAX", "weight": 2.0},
    {"name": "T-SQL", "weight": 3.0},
    {"name": "SQL Server", "weight": 2.0},
    {"name": "SSIS", "weight": 1.5},
    {"name": "Data warehousing", "weight": 1.5},
    {"name": "NHS data sets", "weight": 1.5},
    {"name": "Requirements gathering", "weight": 1.2},
    {"name": "Information governance", "weight": 0.8},
  ],
 },
 {
  "key": "devops-engineer",
  "title": "DevOps Engineer",
  "description": (
    "Tallyframe builds invoicing and cash-flow software used by 40,000 small businesses in Ireland and the UK. Our "
    "engineering team of about 60 ships several times a day, and the Platform team makes that safe. We are hiring a "
    "DevOps Engineer to join Platform in Dublin.\n\n"
    "You will look after our AWS estate, defined in Terraform: EKS clusters running our Go and Node services, RDS "
    "Postgres, and the networking and IAM around them. You will improve our GitHub Actions pipelines so that a "
    "merged pull request is built, tested, scanned and rolled out to Kubernetes with Helm and Argo CD without "
    "anyone touching a console. You will also own observability (Prometheus, Grafana, Loki), take part in a fair "
    "on-call rota and lead blameless post-incident reviews.\n\n"
    "You will work day to day with our QA automation engineers, whose end-to-end test suites run in the pipelines "
    "you build, and with our Android and iOS developers, who need fast, reliable mobile build and release "
    "pipelines. We care about developer experience: your customers are the other engineers.\n\n"
    "Salary EUR 65,000 to 80,000 depending on experience, plus share options, health insurance and a hybrid "
    "arrangement (two office days in Dublin 2). We do not expect you to know every tool on this list; we do "
    "expect you to have run production systems and to care about automating the boring parts."
  ),
  "requirements": "\n".join([
    "- 3+ years in a DevOps, SRE, platform or infrastructure role running production systems",
    "- Infrastructure as code with Terraform (or CloudFormation/Pulumi)",
    "- Good AWS knowledge: VPC, IAM, EC2/EKS, RDS",
    "- Containers and orchestration: Docker and Kubernetes, Helm",
    "- Building CI/CD pipelines (GitHub Actions, GitLab CI or Jenkins)",
    "- Scripting in Bash and Python or Go",
    "- Monitoring and alerting with Prometheus/Grafana or similar; on-call experience",
    "- Security basics: secrets management, least privilege, image scanning",
  ]),
  "skills": [
    {"name": "Terraform", "weight": 2.5},
    {"name": "AWS", "weight": 2.5},
    {"name": "Kubernetes", "weight": 2.5},
    {"name": "CI/CD pipelines", "weight": 3.0},
    {"name": "Docker", "weight": 1.5},
    {"name": "Bash/Python scripting", "weight": 1.5},
    {"name": "Prometheus and Grafana", "weight": 1.2},
    {"name": "Helm / Argo CD", "weight": 1.0},
    {"name": "Incident response", "weight": 1.0},
  ],
 },
 {
  "key": "qa-automation-engineer",
  "title": "QA Automation Engineer",
  "description": (
    "Wegfinder Reisen is a Berlin-based travel technology company whose booking platform powers the websites and "
    "mobile apps of 30 European tour operators. A single bug in a fare calculation can cost a customer thousands "
    "of euros, so we take quality seriously and we want more of it automated. We are hiring a QA Automation "
    "Engineer for our Booking squad.\n\n"
    "You will design and maintain automated tests at every level: end-to-end browser tests in Playwright "
    "(TypeScript), REST API tests against our booking and payment services, and contract tests between services. "
    "You will help our mobile squad extend their Appium suite for the Android and iOS apps. Your tests run in our "
    "GitLab CI pipelines, maintained by our DevOps engineers, and you will work with them on test environments, "
    "test data and keeping the pipeline fast and free of flaky tests.\n\n"
    "You will be part of the team from refinement onwards: reviewing user stories for testability, writing test "
    "plans and acceptance criteria with developers and product owners, and still doing some exploratory testing "
    "where automation does not make sense. You will also report on quality: defect trends, coverage and release "
    "readiness.\n\n"
    "We offer EUR 60,000 to 72,000, 30 days' holiday, a BVG ticket, and remote work within Germany with a monthly "
    "team week in Berlin. Our working language is English."
  ),
  "requirements": "\n".join([
    "- 2+ years of test automation experience in a product team",
    "- Hands-on with a browser automation framework: Playwright, Cypress or Selenium WebDriver",
    "- Programming in TypeScript/JavaScript, Java or Python",
    "- API testing (Postman, REST Assured, or code-based) and understanding of HTTP/JSON",
    "- Running tests in CI (GitLab CI, GitHub Actions or Jenkins) and handling flaky tests",
    "- Sound grasp of test design: boundaries, equivalence classes, test pyramid, risk-based testing",
    "- Mobile test automation (Appium, Espresso) is a plus",
    "- ISTQB certification is welcome but not required",
  ]),
  "skills": [
    {"name": "Test automation", "weight": 3.0},
    {"name": "Playwright", "weight": 2.0},
    {"name": "Selenium / Cypress", "weight": 1.5},
    {"name": "TypeScript", "weight": 2.0},
    {"name": "API testing", "weight": 2.5},
    {"name": "CI pipelines", "weight": 1.5},
    {"name": "Test design", "weight": 2.0},
    {"name": "Appium", "weight": 1.0},
    {"name": "ISTQB", "weight": 0.5},
  ],
 },
 {
  "key": "android-developer",
  "title": "Android Developer",
  "description": (
    "Pawprint Health is an Australian pet-care company: our app lets 350,000 pet owners book vet video calls, order "
    "medication and keep their pet's health record in one place. We are a team of 25 engineers in Melbourne and we "
    "are hiring an Android Developer to join the Mobile squad.\n\n"
    "You will build features end to end in our native Android app, written in Kotlin with Jetpack Compose for new "
    "screens. Recent work includes a rebuilt booking flow, offline support for health records using Room, and "
    "in-call video using a third-party SDK. The architecture is MVVM with coroutines and Flow, Hilt for "
    "dependency injection and Retrofit for networking. You will write unit and UI tests, review code from the "
    "other Android developers, and help release to the Google Play Store every two weeks.\n\n"
    "You will work closely with our iOS developers and designers so features feel the same on both platforms, "
    "with our QA automation engineer, who maintains the Espresso and Appium suites, and with the DevOps engineer "
    "who looks after our Bitrise pipelines and Firebase distribution. You will also keep an eye on Crashlytics "
    "and Play Console vitals.\n\n"
    "Salary AUD 120,000 to 145,000 plus superannuation, flexible hybrid working from our Collingwood office, and "
    "pet insurance for your own animals. We welcome applications from developers who started out elsewhere and "
    "have shipped Android apps."
  ),
  "requirements": "\n".join([
    "- 2+ years building native Android apps in Kotlin that are live on Google Play",
    "- Experience with Jetpack libraries: Compose, ViewModel, Room, Navigation",
    "- Asynchronous programming with coroutines and Flow",
    "- Familiarity with MVVM or MVI, dependency injection (Hilt/Dagger) and REST APIs (Retrofit)",
    "- Writing unit and UI tests (JUnit, Espresso, Compose testing)",
    "- Understanding of the Android lifecycle, permissions and performance",
    "- Experience with Gradle, CI for mobile and Play Store releases is a plus",
  ]),
  "skills": [
    {"name": "Kotlin", "weight": 3.0},
    {"name": "Android SDK", "weight": 2.5},
    {"name": "Jetpack Compose", "weight": 2.5},
    {"name": "Coroutines and Flow", "weight": 2.0},
    {"name": "MVVM architecture", "weight": 1.5},
    {"name": "Room", "weight": 1.0},
    {"name": "Retrofit / REST APIs", "weight": 1.2},
    {"name": "Android testing", "weight": 1.5},
    {"name": "Google Play releases", "weight": 1.0},
  ],
 },
]

if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "jobs.json"), "w") as f:
        json.dump(JOBS, f, indent=2, ensure_ascii=False)
    for j in JOBS:
        print(j["key"], len(j["description"].split()), len(j["skills"]))
