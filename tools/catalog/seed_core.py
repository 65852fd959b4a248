"""Seed: the large international vendors and their main products.

Facts from the maintainers' knowledge as of KNOWLEDGE_AS_OF, each with the public
page that states it (register entry, Wikipedia article, the vendor's own page).
"""
# ruff: noqa: E501
from dsl import P, SEC, V, WP

# --- Microsoft -------------------------------------------------------------------------
V("microsoft", "Microsoft", "US", "none", "listed", SEC("MSFT"), legal="Microsoft Corporation", aliases=["MSFT", "Microsoft Corp"], web="https://www.microsoft.com",
  purls=["pkg:nuget/Microsoft.*", "pkg:npm/@microsoft/*", "pkg:npm/@azure/*", "pkg:pypi/azure-*", "pkg:maven/com.microsoft.*"])
P("microsoft", "microsoft-365", "Microsoft 365", "office-suite", web="https://www.microsoft.com/microsoft-365", alias=["Office 365", "O365", "M365", "Microsoft Office 365", "Office"],
  dom=["office.com", "office365.com", "office.net", "microsoft365.com", "officeapps.live.com", "cloud.microsoft", "full:www.office.com", "static.microsoft"],
  hosting=["microsoft-azure"])
P("microsoft", "microsoft-exchange-online", "Exchange Online", "email", web="https://www.microsoft.com/microsoft-365/exchange/exchange-online", alias=["Outlook", "Outlook.com", "Outlook Web Access", "OWA", "Microsoft Outlook"],
  dom=["outlook.office365.com", "outlook.office.com", "outlook.com", "outlook.live.com", "hotmail.com", "live.com", "full:smtp.office365.com", "protection.outlook.com", "mail.protection.outlook.com"], hosting=["microsoft-azure"])
P("microsoft", "microsoft-teams", "Microsoft Teams", "video-conferencing", web="https://www.microsoft.com/microsoft-teams", alias=["Teams", "MS Teams"],
  dom=["teams.microsoft.com", "teams.live.com", "teams.cdn.office.net", "teams.events.data.microsoft.com", "teams.cloud.microsoft", "skype.com", "skypeforbusiness.com", "lync.com"], hosting=["microsoft-azure"])
P("microsoft", "microsoft-sharepoint-online", "SharePoint Online", "intranet", web="https://www.microsoft.com/microsoft-365/sharepoint/collaboration", alias=["SharePoint"],
  dom=["sharepoint.com", "sharepointonline.com", "svc.ms"], hosting=["microsoft-azure"])
P("microsoft", "microsoft-onedrive", "OneDrive", "file-sharing", web="https://www.microsoft.com/microsoft-365/onedrive/online-cloud-storage", alias=["OneDrive for Business", "SkyDrive"],
  v2=["onedrive"], hosting=["microsoft-azure"])
P("microsoft", "microsoft-entra-id", "Microsoft Entra ID", "identity", web="https://www.microsoft.com/security/business/identity-access/microsoft-entra-id", alias=["Azure AD", "Azure Active Directory", "Entra ID", "AAD"],
  dom=["login.microsoftonline.com", "microsoftonline.com", "microsoftonline-p.com", "login.live.com", "login.windows.net", "entra.microsoft.com", "msauth.net", "msftauth.net", "msauthimages.net", "msftidentity.com"], hosting=["microsoft-azure"])
P("microsoft", "microsoft-azure", "Microsoft Azure", "cloud-iaas-paas", web="https://azure.microsoft.com", alias=["Azure", "Windows Azure"], v2=["azure"],
  dom=["azure.microsoft.com", "portal.azure.com"],
  certs=[("hds", "https://learn.microsoft.com/en-us/azure/compliance/offerings/offering-hds-france"), ("bsi-c5", "https://learn.microsoft.com/en-us/azure/compliance/offerings/offering-c5-germany"), ("iso27001", "https://learn.microsoft.com/en-us/azure/compliance/offerings/offering-iso-27001")])
P("microsoft", "azure-openai", "Azure OpenAI Service", "genai-api", web="https://azure.microsoft.com/products/ai-services/openai-service", alias=["Azure OpenAI", "Azure AI Foundry"],
  dom=["openai.azure.com", "ai.azure.com", "cognitiveservices.azure.com", "services.ai.azure.com"], hosting=["microsoft-azure"],
  ai={"trains_on_inputs": False, "enterprise_tier": True, "source": "https://learn.microsoft.com/en-us/legal/cognitive-services/openai/data-privacy"})
P("microsoft", "microsoft-copilot", "Microsoft Copilot", "genai-chat", web="https://copilot.microsoft.com", alias=["Copilot", "Bing Chat", "Bing Copilot"],
  dom=["copilot.microsoft.com", "copilot.cloud.microsoft", "copilot.com", "copilot-stg.com", "sydney.bing.com", "edgeservices.bing.com"], hosting=["microsoft-azure"])
P("microsoft", "microsoft-365-copilot", "Microsoft 365 Copilot", "genai-chat", web="https://learn.microsoft.com/en-us/copilot/microsoft-365/microsoft-365-copilot-overview", alias=["M365 Copilot", "Copilot for Microsoft 365"],
  dom=["m365.cloud.microsoft", "substrate.office.com"], hosting=["microsoft-azure"],
  ai={"trains_on_inputs": False, "enterprise_tier": True, "source": "https://learn.microsoft.com/en-us/copilot/microsoft-365/microsoft-365-copilot-privacy"})
P("microsoft", "microsoft-bing", "Bing", "search-engine", web="https://www.bing.com", v2=["bing"], hosting=["microsoft-azure"])
P("microsoft", "microsoft-windows", "Windows", "operating-system", web="https://www.microsoft.com/windows", alias=["Microsoft Windows", "Windows Update"],
  dom=["windowsupdate.com", "update.microsoft.com", "windows.com", "windows.net", "full:settings-win.data.microsoft.com", "full:v10.events.data.microsoft.com"], oss=False)
P("microsoft", "microsoft-dynamics-365", "Microsoft Dynamics 365", "erp", web="https://www.microsoft.com/dynamics-365", alias=["Dynamics 365", "Dynamics CRM"],
  dom=["dynamics.com", "crm.dynamics.com", "crm4.dynamics.com", "dynamics.microsoft.com"], hosting=["microsoft-azure"])
P("microsoft", "microsoft-power-platform", "Microsoft Power Platform", "integration", web="https://www.microsoft.com/power-platform", alias=["Power Apps", "Power Automate", "Power BI"],
  dom=["powerapps.com", "powerautomate.com", "flow.microsoft.com", "powerbi.com", "analysis.windows.net", "powerplatform.com"], hosting=["microsoft-azure"])
P("microsoft", "microsoft-intune", "Microsoft Intune", "itsm", web="https://www.microsoft.com/security/business/microsoft-intune", alias=["Intune", "Endpoint Manager"],
  dom=["manage.microsoft.com", "intune.microsoft.com", "endpoint.microsoft.com"], hosting=["microsoft-azure"])
P("microsoft", "microsoft-defender", "Microsoft Defender for Endpoint", "edr", web="https://www.microsoft.com/security/business/endpoint-security/microsoft-defender-endpoint", alias=["Defender", "Windows Defender", "Microsoft Defender"],
  dom=["securitycenter.windows.com", "security.microsoft.com", "wdcp.microsoft.com", "smartscreen.microsoft.com", "endpoint.security.microsoft.com"], hosting=["microsoft-azure"])
P("microsoft", "microsoft-sentinel", "Microsoft Sentinel", "siem", web="https://azure.microsoft.com/products/microsoft-sentinel", alias=["Azure Sentinel"], hosting=["microsoft-azure"])
P("microsoft", "microsoft-visual-studio-code", "Visual Studio Code", "dev-tools", web="https://code.visualstudio.com", alias=["VS Code", "VSCode"],
  dom=["code.visualstudio.com", "visualstudio.com", "vscode-cdn.net", "vscode.dev", "marketplace.visualstudio.com", "gallerycdn.vsassets.io", "vsassets.io", "vscode-unpkg.net"], oss=True, lic="MIT")
P("microsoft", "microsoft-azure-devops", "Azure DevOps", "code-hosting", web="https://azure.microsoft.com/products/devops", alias=["VSTS", "Visual Studio Team Services"],
  dom=["dev.azure.com", "visualstudio.com", "azureedge.net"], hosting=["microsoft-azure"])
P("microsoft", "microsoft-web-services", "Microsoft web sites and online services", "other", web="https://www.microsoft.com", v2=["microsoft", "microsoft-dev", "microsoft-pki", "msn", "xbox"])

V("github", "GitHub", "US", "microsoft", "private", WP("GitHub"), legal="GitHub, Inc.", web="https://github.com",
  acq=[{"acquirer": "microsoft", "year": 2018, "source": "https://news.microsoft.com/2018/06/04/microsoft-to-acquire-github-for-7-5-billion/"}])
P("github", "github", "GitHub", "code-hosting", web="https://github.com", v2=["github", "github1s"], alias=["GitHub.com", "GitHub Enterprise Cloud"], hosting=["microsoft-azure"])
P("github", "github-copilot", "GitHub Copilot", "genai-coding", web="https://github.com/features/copilot", alias=["Copilot (GitHub)"], v2=["github-copilot"])
P("github", "npm-registry", "npm registry", "package-registry", web="https://www.npmjs.com", alias=["npm", "npmjs"], dom=["npmjs.com", "npmjs.org", "registry.npmjs.org"])

V("linkedin", "LinkedIn", "US", "microsoft", "private", WP("LinkedIn"), legal="LinkedIn Corporation", web="https://www.linkedin.com",
  acq=[{"acquirer": "microsoft", "year": 2016, "source": "https://news.microsoft.com/2016/06/13/microsoft-to-acquire-linkedin/"}])
P("linkedin", "linkedin", "LinkedIn", "social-media", web="https://www.linkedin.com", v2=["linkedin"])

V("nuance", "Nuance Communications", "US", "microsoft", "private", WP("Nuance_Communications"), legal="Nuance Communications, Inc.", web="https://www.nuance.com",
  acq=[{"acquirer": "microsoft", "year": 2022, "source": "https://news.microsoft.com/2022/03/04/microsoft-completes-acquisition-of-nuance-ushering-in-new-era-of-outcomes-based-ai/"}])
P("nuance", "nuance-dragon", "Dragon (speech recognition)", "genai-transcription", web="https://www.nuance.com/dragon.html", alias=["Dragon Medical", "Dragon NaturallySpeaking"], dom=["nuance.com"])

# --- Alphabet / Google --------------------------------------------------------------------
V("alphabet", "Alphabet", "US", "none", "listed", SEC("GOOGL"), legal="Alphabet Inc.", aliases=["Alphabet Inc", "GOOGL"], web="https://abc.xyz")
V("google", "Google", "US", "alphabet", "private", WP("Google"), legal="Google LLC", aliases=["Google Inc", "Google Ireland Limited", "Google France"], web="https://www.google.com",
  purls=["pkg:npm/@angular/*", "pkg:maven/com.google.*", "pkg:golang/google.golang.org/*", "pkg:pypi/google-*", "pkg:npm/@google-cloud/*", "pkg:npm/@firebase/*", "pkg:npm/firebase"])
P("google", "google-workspace", "Google Workspace", "office-suite", web="https://workspace.google.com", alias=["G Suite", "Google Apps", "Google Docs", "Google Drive", "Gmail"],
  dom=["workspace.google.com", "docs.google.com", "drive.google.com", "sheets.google.com", "slides.google.com", "mail.google.com", "gmail.com", "googlemail.com", "calendar.google.com", "chat.google.com", "keep.google.com", "sites.google.com", "forms.google.com", "admin.google.com", "googleusercontent.com", "docs.googleusercontent.com", "drive.usercontent.google.com"],
  hosting=["google-cloud"])
P("google", "google-meet", "Google Meet", "video-conferencing", web="https://meet.google.com", alias=["Hangouts Meet"], dom=["meet.google.com", "meet.googleapis.com"], hosting=["google-cloud"])
P("google", "google-gemini", "Google Gemini", "genai-chat", web="https://gemini.google.com", alias=["Gemini", "Bard", "Google Bard", "Google AI Studio"], v2=["google-deepmind", "google-gemini"],
  hosting=["google-cloud"],
  ai={"trains_on_inputs": True, "enterprise_tier": True, "source": "https://support.google.com/gemini/answer/13594961"})
P("google", "google-gemini-api", "Gemini API", "genai-api", web="https://ai.google.dev", alias=["Generative Language API", "Google AI Studio API"], dom=["full:generativelanguage.googleapis.com", "full:ai.google.dev"], hosting=["google-cloud"])
P("google", "google-vertex-ai", "Vertex AI", "genai-platform", web="https://cloud.google.com/vertex-ai", alias=["Google Vertex AI"], dom=["aiplatform.googleapis.com", "full:console.cloud.google.com"], hosting=["google-cloud"])
P("google", "google-cloud", "Google Cloud", "cloud-iaas-paas", web="https://cloud.google.com", alias=["Google Cloud Platform", "GCP"],
  dom=["cloud.google.com", "cloud.google", "appspot.com", "run.app", "cloudfunctions.net", "storage.googleapis.com", "storage.cloud.google.com", "compute.googleapis.com", "gcr.io", "pkg.dev", "web.app", "firebaseapp.com", "firebaseio.com", "firebase.google.com"],
  certs=[("hds", "https://cloud.google.com/security/compliance/hds"), ("bsi-c5", "https://cloud.google.com/security/compliance/bsi-c5"), ("iso27001", "https://cloud.google.com/security/compliance/iso-27001")])
P("google", "google-analytics", "Google Analytics", "analytics-bi", web="https://marketingplatform.google.com/about/analytics/", alias=["GA4", "Universal Analytics"],
  dom=["google-analytics.com", "analytics.google.com", "googletagmanager.com", "ssl.google-analytics.com", "region1.google-analytics.com"])
P("google", "google-ads", "Google Ads", "marketing", web="https://ads.google.com", alias=["AdWords", "DoubleClick"], dom=["doubleclick.net", "googleadservices.com", "googlesyndication.com", "ads.google.com", "googletagservices.com"])
P("google", "youtube", "YouTube", "media-entertainment", web="https://www.youtube.com", v2=["youtube"])
P("google", "google-maps", "Google Maps", "maps-navigation", web="https://maps.google.com", dom=["maps.google.com", "maps.googleapis.com", "maps.gstatic.com"])
P("google", "google-translate", "Google Translate", "genai-translation", web="https://translate.google.com", alias=["Google Traduction"], fr="Google Traduction", dom=["translate.google.com", "translate.googleapis.com", "translate.goog"])
P("google", "notebooklm", "NotebookLM", "genai-documents", web="https://notebooklm.google", dom=["notebooklm.google", "notebooklm.google.com"])
P("google", "google-chrome", "Google Chrome", "browser", web="https://www.google.com/chrome/", alias=["Chrome"], dom=["chrome.google.com", "clients2.google.com", "chromewebstore.google.com"])
P("google", "google-play", "Google Play", "shopping", web="https://play.google.com", v2=["google-play"])
P("google", "google-services", "Google web sites and services", "search-engine", web="https://www.google.com", alias=["Google Search"], v2=["google", "google-registry", "google-trust-services", "googlefcm", "google-scholar"])

# --- Amazon ------------------------------------------------------------------------------------
V("amazon", "Amazon", "US", "none", "listed", SEC("AMZN"), legal="Amazon.com, Inc.", aliases=["Amazon.com", "AMZN", "Amazon EU SARL"], web="https://www.amazon.com")
V("aws", "Amazon Web Services", "US", "amazon", "private", WP("Amazon_Web_Services"), legal="Amazon Web Services, Inc.", aliases=["AWS", "Amazon Web Services EMEA SARL"], web="https://aws.amazon.com",
  purls=["pkg:maven/software.amazon.*", "pkg:maven/com.amazonaws/*", "pkg:pypi/boto3", "pkg:pypi/botocore", "pkg:npm/@aws-sdk/*"])
P("aws", "aws", "Amazon Web Services", "cloud-iaas-paas", web="https://aws.amazon.com", alias=["AWS", "Amazon AWS", "Amazon EC2", "Amazon S3"], v2=["aws", "amazontrust"],
  certs=[("hds", "https://aws.amazon.com/compliance/hds/"), ("bsi-c5", "https://aws.amazon.com/compliance/bsi-c5/"), ("iso27001", "https://aws.amazon.com/compliance/iso-27001-faqs/")])
P("aws", "amazon-bedrock", "Amazon Bedrock", "genai-platform", web="https://aws.amazon.com/bedrock/", alias=["Bedrock"], dom=["bedrock.amazonaws.com", "bedrock-runtime.us-east-1.amazonaws.com", "full:bedrock-runtime.eu-west-3.amazonaws.com", "full:bedrock-runtime.eu-central-1.amazonaws.com"], hosting=["aws"])
P("aws", "amazon-q", "Amazon Q", "genai-coding", web="https://aws.amazon.com/q/", alias=["CodeWhisperer", "Amazon CodeWhisperer", "Amazon Q Developer"], dom=["codewhisperer.us-east-1.amazonaws.com", "q.us-east-1.amazonaws.com"], hosting=["aws"])
P("aws", "amazon-cloudfront", "Amazon CloudFront", "cdn", web="https://aws.amazon.com/cloudfront/", alias=["CloudFront"], dom=["cloudfront.net"], hosting=["aws"])
P("amazon", "amazon-retail", "Amazon (online store)", "shopping", web="https://www.amazon.com", alias=["Amazon.fr"], v2=["amazon"])

# --- Salesforce -------------------------------------------------------------------------------
V("salesforce", "Salesforce", "US", "none", "listed", SEC("CRM"), legal="Salesforce, Inc.", aliases=["salesforce.com", "Salesforce.com Inc"], web="https://www.salesforce.com")
P("salesforce", "salesforce-sales-cloud", "Salesforce Sales Cloud", "crm", web="https://www.salesforce.com/sales/", alias=["Salesforce", "Salesforce CRM", "Sales Cloud", "Service Cloud"], v2=["salesforce"],
  dom=["salesforce.com", "my.salesforce.com", "lightning.force.com", "force.com", "salesforceliveagent.com", "sfdcstatic.com", "salesforce-sites.com", "visualforce.com"])
P("salesforce", "salesforce-agentforce", "Agentforce (Einstein)", "genai-agents", web="https://www.salesforce.com/agentforce/", alias=["Einstein GPT", "Salesforce Einstein", "Agentforce"], dom=["einstein.com", "einstein.ai"])
V("slack-technologies", "Slack Technologies", "US", "salesforce", "private", WP("Slack_Technologies"), legal="Slack Technologies, LLC", web="https://slack.com",
  acq=[{"acquirer": "salesforce", "year": 2021, "source": "https://investor.salesforce.com/news/news-details/2021/Salesforce-Completes-Acquisition-of-Slack/default.aspx"}])
P("slack-technologies", "slack", "Slack", "messaging", web="https://slack.com", v2=["slack"], dom=["slack-edge.com", "slack.com"], hosting=["aws"])
V("tableau", "Tableau Software", "US", "salesforce", "private", WP("Tableau_Software"), legal="Tableau Software, LLC", web="https://www.tableau.com",
  acq=[{"acquirer": "salesforce", "year": 2019, "source": WP("Tableau_Software")}])
P("tableau", "tableau", "Tableau", "analytics-bi", web="https://www.tableau.com", alias=["Tableau Cloud", "Tableau Online"], dom=["tableau.com", "online.tableau.com"])
V("mulesoft", "MuleSoft", "US", "salesforce", "private", WP("MuleSoft"), legal="MuleSoft, LLC", web="https://www.mulesoft.com",
  acq=[{"acquirer": "salesforce", "year": 2018, "source": WP("MuleSoft")}])
P("mulesoft", "mulesoft-anypoint", "MuleSoft Anypoint Platform", "integration", web="https://www.mulesoft.com", alias=["MuleSoft", "Anypoint"], dom=["mulesoft.com", "anypoint.mulesoft.com", "cloudhub.io"])

# --- Others, international ------------------------------------------------------------------
V("zoom", "Zoom", "US", "none", "listed", SEC("ZM"), legal="Zoom Communications, Inc.", aliases=["Zoom Video Communications"], web="https://zoom.us")
P("zoom", "zoom", "Zoom Workplace", "video-conferencing", web="https://zoom.us", alias=["Zoom", "Zoom Meetings"], v2=["zoom"], dom=["zoom.us", "zoomgov.com", "zoomcdn.com"])
P("zoom", "zoom-ai-companion", "Zoom AI Companion", "genai-transcription", web="https://www.zoom.com/en/products/ai-assistant/", alias=["AI Companion"])
V("oracle", "Oracle", "US", "none", "listed", SEC("ORCL"), legal="Oracle Corporation", web="https://www.oracle.com", purls=["pkg:maven/com.oracle.*", "pkg:maven/com.sun.*"])
P("oracle", "oracle-cloud", "Oracle Cloud Infrastructure", "cloud-iaas-paas", web="https://www.oracle.com/cloud/", alias=["OCI", "Oracle Cloud"], v2=["oracle"], dom=["oraclecloud.com", "oracle.com", "oci.oraclecloud.com"])
P("oracle", "oracle-database", "Oracle Database", "database", web="https://www.oracle.com/database/", alias=["Oracle DB", "Oracle"], oss=False)
P("oracle", "oracle-java", "Oracle Java SE", "dev-tools", web="https://www.oracle.com/java/", alias=["Java", "JDK", "Oracle JDK"], dom=["java.com", "java.net"])
P("oracle", "oracle-netsuite", "NetSuite", "erp", web="https://www.netsuite.com", alias=["Oracle NetSuite"], dom=["netsuite.com"])
V("ibm", "IBM", "US", "none", "listed", SEC("IBM"), legal="International Business Machines Corporation", web="https://www.ibm.com", purls=["pkg:maven/com.ibm.*"])
P("ibm", "ibm-cloud", "IBM Cloud", "cloud-iaas-paas", web="https://www.ibm.com/cloud", v2=["ibm"], dom=["cloud.ibm.com", "bluemix.net", "softlayer.com", "appdomain.cloud"])
P("ibm", "ibm-watsonx", "IBM watsonx", "genai-platform", web="https://www.ibm.com/watsonx", alias=["watsonx.ai", "Watson"], dom=["watsonx.ai", "dataplatform.cloud.ibm.com"])
V("red-hat", "Red Hat", "US", "ibm", "private", WP("Red_Hat"), legal="Red Hat, Inc.", web="https://www.redhat.com",
  acq=[{"acquirer": "ibm", "year": 2019, "source": "https://newsroom.ibm.com/2019-07-09-IBM-Closes-Landmark-Acquisition-of-Red-Hat-for-34-Billion-Defines-Open-Hybrid-Cloud-Future"}])
P("red-hat", "red-hat-enterprise-linux", "Red Hat Enterprise Linux", "operating-system", web="https://www.redhat.com/en/technologies/linux-platforms/enterprise-linux", alias=["RHEL"], dom=["redhat.com", "redhat.io", "openshift.com", "quay.io"], oss=True)
P("red-hat", "openshift", "Red Hat OpenShift", "container-platform", web="https://www.redhat.com/en/technologies/cloud-computing/openshift", alias=["OpenShift"], oss=True, lic="Apache-2.0")
V("hashicorp", "HashiCorp", "US", "ibm", "private", WP("HashiCorp"), legal="HashiCorp, Inc.", web="https://www.hashicorp.com", as_of="2025-03-01",
  acq=[{"acquirer": "ibm", "year": 2025, "source": "https://newsroom.ibm.com/2025-02-27-ibm-completes-acquisition-of-hashicorp,-creates-comprehensive,-end-to-end-hybrid-cloud-platform"}])
P("hashicorp", "terraform", "Terraform", "dev-tools", web="https://www.terraform.io", alias=["HCP Terraform", "Terraform Cloud"], dom=["terraform.io", "hashicorp.com", "hashicorp.cloud"], lic="BUSL-1.1", oss=False)
P("hashicorp", "vault", "HashiCorp Vault", "pam", web="https://www.vaultproject.io", alias=["Vault"], dom=["vaultproject.io"], lic="BUSL-1.1", oss=False)

V("sap", "SAP", "DE", "none", "listed", WP("SAP"), legal="SAP SE", aliases=["SAP AG"], web="https://www.sap.com", vat="DE143454214")
P("sap", "sap-s4hana", "SAP S/4HANA", "erp", web="https://www.sap.com/products/erp/s4hana.html", alias=["S/4HANA", "SAP ERP", "SAP ECC", "SAP"], dom=["sap.com", "hana.ondemand.com", "s4hana.cloud.sap", "cloud.sap"])
P("sap", "sap-successfactors", "SAP SuccessFactors", "hr-payroll", web="https://www.sap.com/products/hcm.html", alias=["SuccessFactors"], dom=["successfactors.com", "successfactors.eu", "sapsf.com", "sapsf.eu"])
P("sap", "sap-concur", "SAP Concur", "finance-accounting", web="https://www.concur.com", alias=["Concur"], dom=["concur.com", "concursolutions.com", "concur.fr"])
P("sap", "sap-ariba", "SAP Ariba", "erp", web="https://www.ariba.com", alias=["Ariba"], dom=["ariba.com"])
V("adobe", "Adobe", "US", "none", "listed", SEC("ADBE"), legal="Adobe Inc.", web="https://www.adobe.com")
P("adobe", "adobe-creative-cloud", "Adobe Creative Cloud", "design", web="https://www.adobe.com/creativecloud.html", alias=["Creative Cloud", "Photoshop", "Illustrator", "Adobe"], v2=["adobe", "adobe-activation"])
P("adobe", "adobe-acrobat", "Adobe Acrobat", "document-management", web="https://www.adobe.com/acrobat.html", alias=["Acrobat", "Acrobat Reader", "Adobe Sign", "Acrobat Sign"], dom=["acrobat.com", "documentcloud.adobe.com", "echosign.com", "adobesign.com"])
P("adobe", "adobe-firefly", "Adobe Firefly", "genai-image", web="https://www.adobe.com/products/firefly.html", alias=["Firefly"], dom=["firefly.adobe.com"])
V("cisco", "Cisco", "US", "none", "listed", SEC("CSCO"), legal="Cisco Systems, Inc.", web="https://www.cisco.com")
P("cisco", "webex", "Webex", "video-conferencing", web="https://www.webex.com", alias=["Cisco Webex", "WebEx Meetings"], v2=["webex"], dom=["webex.com", "wbx2.com", "ciscospark.com"])
P("cisco", "cisco-networking", "Cisco networking (IOS, Meraki)", "network-telecom", web="https://www.cisco.com", alias=["Meraki", "Cisco Meraki", "Cisco Catalyst", "Catalyst"], v2=["cisco"], dom=["meraki.com", "meraki.net"])
P("cisco", "cisco-umbrella", "Cisco Umbrella", "proxy-sase", web="https://umbrella.cisco.com", alias=["OpenDNS", "Umbrella"], dom=["umbrella.com", "opendns.com", "umbrella.cisco.com"])
P("cisco", "cisco-duo", "Duo Security", "mfa", web="https://duo.com", alias=["Cisco Duo", "Duo"], dom=["duo.com", "duosecurity.com"])
V("splunk", "Splunk", "US", "cisco", "private", WP("Splunk"), legal="Splunk LLC", web="https://www.splunk.com",
  acq=[{"acquirer": "cisco", "year": 2024, "source": "https://newsroom.cisco.com/c/r/newsroom/en/us/a/y2024/m03/cisco-completes-acquisition-of-splunk.html"}])
P("splunk", "splunk", "Splunk", "siem", web="https://www.splunk.com", alias=["Splunk Cloud", "Splunk Enterprise"], dom=["splunk.com", "splunkcloud.com"])
V("atlassian", "Atlassian", "US", "none", "listed", SEC("TEAM"), legal="Atlassian Corporation", web="https://www.atlassian.com",
  note="Redomiciled from the UK to the US (Delaware) in 2022; operational head offices in Sydney and San Francisco.")
P("atlassian", "jira", "Jira", "project-management", web="https://www.atlassian.com/software/jira", alias=["Jira Software", "Jira Cloud", "Jira Service Management"], v2=["atlassian"], dom=["atlassian.net", "atlassian.com", "atl-paas.net", "jira.com"], hosting=["aws"])
P("atlassian", "confluence", "Confluence", "note-taking", web="https://www.atlassian.com/software/confluence", alias=["Confluence Cloud"], hosting=["aws"])
P("atlassian", "trello", "Trello", "project-management", web="https://trello.com", dom=["trello.com", "trellocdn.com"], hosting=["aws"])
P("atlassian", "bitbucket", "Bitbucket", "code-hosting", web="https://bitbucket.org", dom=["bitbucket.org", "bitbucket.io"], hosting=["aws"])
P("atlassian", "atlassian-rovo", "Atlassian Rovo", "genai-agents", web="https://www.atlassian.com/software/rovo", alias=["Atlassian Intelligence", "Rovo"])
V("dropbox", "Dropbox", "US", "none", "listed", SEC("DBX"), legal="Dropbox, Inc.", web="https://www.dropbox.com")
P("dropbox", "dropbox", "Dropbox", "file-sharing", web="https://www.dropbox.com", v2=["dropbox"], dom=["dropbox.com", "dropboxapi.com", "dropboxusercontent.com", "db.tt", "dropboxstatic.com"])
P("dropbox", "dropbox-sign", "Dropbox Sign", "e-signature", web="https://sign.dropbox.com", alias=["HelloSign"], dom=["hellosign.com", "sign.dropbox.com"])
V("box", "Box", "US", "none", "listed", SEC("BOX"), legal="Box, Inc.", web="https://www.box.com")
P("box", "box", "Box", "file-sharing", web="https://www.box.com", dom=["box.com", "box.net", "boxcdn.net", "boxcloud.com"])
V("notion-labs", "Notion Labs", "US", "none", "private", WP("Notion_(productivity_software)"), legal="Notion Labs, Inc.", web="https://www.notion.com")
P("notion-labs", "notion", "Notion", "note-taking", web="https://www.notion.com", v2=["notion"], hosting=["aws"])
P("notion-labs", "notion-ai", "Notion AI", "genai-writing", web="https://www.notion.com/product/ai", hosting=["aws"])
V("apple", "Apple", "US", "none", "listed", SEC("AAPL"), legal="Apple Inc.", web="https://www.apple.com")
P("apple", "icloud", "iCloud", "file-sharing", web="https://www.icloud.com", dom=["icloud.com", "icloud-content.com", "me.com", "apple-cloudkit.com"])
P("apple", "apple-services", "Apple web sites and services", "other", web="https://www.apple.com", v2=["apple", "apple-dev", "apple-pki", "apple-update", "apple-music", "apple-podcasts", "apple-tvplus"])
P("apple", "apple-intelligence", "Apple Intelligence", "genai-chat", web="https://www.apple.com/apple-intelligence/", v2=["apple-intelligence"])
V("meta", "Meta Platforms", "US", "none", "listed", SEC("META"), legal="Meta Platforms, Inc.", aliases=["Facebook, Inc.", "Meta"], web="https://about.meta.com",
  purls=["pkg:npm/react", "pkg:npm/react-dom", "pkg:pypi/torch", "pkg:npm/@react-native/*", "pkg:npm/react-native"])
P("meta", "facebook", "Facebook", "social-media", web="https://www.facebook.com", v2=["facebook", "facebook-dev"], dom=["instagram.com", "cdninstagram.com", "threads.net", "threads.com"])
P("meta", "whatsapp", "WhatsApp", "messaging", web="https://www.whatsapp.com", v2=["whatsapp"])
P("meta", "meta-ai", "Meta AI", "genai-chat", web="https://www.meta.ai", alias=["Llama", "Meta Llama"], dom=["meta.ai", "llama.com", "llama.meta.com"], v2=["meta"])
V("cloudflare", "Cloudflare", "US", "none", "listed", SEC("NET"), legal="Cloudflare, Inc.", web="https://www.cloudflare.com")
P("cloudflare", "cloudflare", "Cloudflare", "cdn", web="https://www.cloudflare.com", alias=["Cloudflare CDN", "Cloudflare Zero Trust", "1.1.1.1"], v2=["cloudflare", "cloudflare-ipfs"])
P("cloudflare", "cloudflare-workers-ai", "Cloudflare Workers AI / AI Gateway", "genai-api", web="https://developers.cloudflare.com/workers-ai/", dom=["full:gateway.ai.cloudflare.com"])
V("akamai", "Akamai", "US", "none", "listed", SEC("AKAM"), legal="Akamai Technologies, Inc.", web="https://www.akamai.com")
P("akamai", "akamai", "Akamai", "cdn", web="https://www.akamai.com", alias=["Akamai CDN", "Linode"], v2=["akamai"], dom=["linode.com"])
V("fastly", "Fastly", "US", "none", "listed", SEC("FSLY"), legal="Fastly, Inc.", web="https://www.fastly.com")
P("fastly", "fastly", "Fastly", "cdn", web="https://www.fastly.com", v2=["fastly"])
V("broadcom", "Broadcom", "US", "none", "listed", SEC("AVGO"), legal="Broadcom Inc.", web="https://www.broadcom.com")
V("vmware", "VMware", "US", "broadcom", "private", WP("VMware"), legal="VMware LLC", web="https://www.vmware.com",
  acq=[{"acquirer": "broadcom", "year": 2023, "source": "https://investors.broadcom.com/news-releases/news-release-details/broadcom-completes-acquisition-vmware"}])
P("vmware", "vmware-vsphere", "VMware vSphere", "virtualisation", web="https://www.vmware.com/products/cloud-infrastructure/vsphere", alias=["vSphere", "ESXi", "VMware ESXi", "VMware"], v2=["vmware"])
P("broadcom", "symantec-endpoint", "Symantec Endpoint Security", "edr", web="https://www.broadcom.com/products/cybersecurity/endpoint", alias=["Symantec"], v2=["broadcom"], dom=["symantec.com"])
V("fortinet", "Fortinet", "US", "none", "listed", SEC("FTNT"), legal="Fortinet, Inc.", web="https://www.fortinet.com")
P("fortinet", "fortigate", "FortiGate", "firewall", web="https://www.fortinet.com/products/next-generation-firewall", alias=["Fortinet FortiGate", "FortiOS"], dom=["fortinet.com", "fortiguard.com", "forticloud.com", "fortinet.net"])
V("palo-alto-networks", "Palo Alto Networks", "US", "none", "listed", SEC("PANW"), legal="Palo Alto Networks, Inc.", web="https://www.paloaltonetworks.com")
P("palo-alto-networks", "palo-alto-ngfw", "Palo Alto Networks NGFW and Prisma Access", "firewall", web="https://www.paloaltonetworks.com", alias=["PAN-OS", "Prisma Access", "Cortex XDR", "GlobalProtect"], dom=["paloaltonetworks.com", "prismaaccess.com", "gpcloudservice.com"])
V("crowdstrike", "CrowdStrike", "US", "none", "listed", SEC("CRWD"), legal="CrowdStrike Holdings, Inc.", web="https://www.crowdstrike.com")
P("crowdstrike", "crowdstrike-falcon", "CrowdStrike Falcon", "edr", web="https://www.crowdstrike.com/platform/", alias=["Falcon"], dom=["crowdstrike.com", "cloudsink.net"], hosting=["aws"])
V("thoma-bravo", "Thoma Bravo", "US", "none", "private-equity", WP("Thoma_Bravo"), legal="Thoma Bravo, L.P.", web="https://www.thomabravo.com")
V("sophos", "Sophos", "GB", "thoma-bravo", "private-equity", WP("Sophos"), legal="Sophos Ltd", web="https://www.sophos.com",
  acq=[{"acquirer": "thoma-bravo", "year": 2020, "source": WP("Sophos")}])
P("sophos", "sophos-endpoint", "Sophos Endpoint / Intercept X", "edr", web="https://www.sophos.com/products/endpoint-antivirus", alias=["Intercept X", "Sophos Central", "Sophos Firewall"], dom=["sophos.com", "sophosupd.com", "sophosxl.net", "sophos.net"])
V("insight-partners", "Insight Partners", "US", "none", "private-equity", WP("Insight_Partners"), web="https://www.insightpartners.com")
V("veeam", "Veeam Software", "US", "insight-partners", "private-equity", WP("Veeam"), legal="Veeam Software Group GmbH", web="https://www.veeam.com",
  acq=[{"acquirer": "insight-partners", "year": 2020, "source": WP("Veeam")}], note="Founded in Switzerland; headquarters moved to the US (Columbus, then Seattle).")
P("veeam", "veeam-backup", "Veeam Backup & Replication", "backup", web="https://www.veeam.com/products/veeam-data-platform.html", alias=["Veeam"], dom=["veeam.com"])
V("esri", "Esri", "US", "none", "private", WP("Esri"), legal="Environmental Systems Research Institute, Inc.", web="https://www.esri.com")
P("esri", "arcgis", "ArcGIS", "gis", web="https://www.arcgis.com", alias=["ArcGIS Online", "ArcGIS Pro", "Esri"], v2=["esri"], dom=["arcgis.com", "esri.com", "arcgisonline.com"])
V("gitlab", "GitLab", "US", "none", "listed", SEC("GTLB"), legal="GitLab Inc.", web="https://about.gitlab.com")
P("gitlab", "gitlab", "GitLab", "code-hosting", web="https://about.gitlab.com", alias=["GitLab.com", "GitLab Duo"], v2=["gitlab"], oss=True, lic="MIT", hosting=["google-cloud"])
V("jetbrains", "JetBrains", "CZ", "none", "private", WP("JetBrains"), legal="JetBrains s.r.o.", web="https://www.jetbrains.com")
P("jetbrains", "jetbrains-ides", "JetBrains IDEs", "dev-tools", web="https://www.jetbrains.com", alias=["IntelliJ IDEA", "PyCharm", "WebStorm", "JetBrains"], v2=["jetbrains"])
P("jetbrains", "jetbrains-ai", "JetBrains AI Assistant", "genai-coding", web="https://www.jetbrains.com/ai/", alias=["JetBrains Junie", "Junie"], v2=["jetbrains-ai"])
V("okta", "Okta", "US", "none", "listed", SEC("OKTA"), legal="Okta, Inc.", web="https://www.okta.com")
P("okta", "okta", "Okta Workforce Identity", "identity", web="https://www.okta.com", alias=["Okta", "Auth0"], dom=["okta.com", "oktacdn.com", "okta-emea.com", "oktapreview.com", "auth0.com"])
V("servicenow", "ServiceNow", "US", "none", "listed", SEC("NOW"), legal="ServiceNow, Inc.", web="https://www.servicenow.com")
P("servicenow", "servicenow", "ServiceNow", "itsm", web="https://www.servicenow.com", alias=["ServiceNow ITSM", "Now Platform"], dom=["servicenow.com", "service-now.com", "servicenowservices.com"])
V("workday", "Workday", "US", "none", "listed", SEC("WDAY"), legal="Workday, Inc.", web="https://www.workday.com")
P("workday", "workday", "Workday HCM", "hr-payroll", web="https://www.workday.com", alias=["Workday"], dom=["workday.com", "myworkday.com", "workdaysuv.com"])
V("datadog", "Datadog", "US", "none", "listed", SEC("DDOG"), legal="Datadog, Inc.", web="https://www.datadoghq.com")
P("datadog", "datadog", "Datadog", "observability", web="https://www.datadoghq.com", dom=["datadoghq.com", "datadoghq.eu", "datad0g.com", "ddog-gov.com", "browser-intake-datadoghq.com", "browser-intake-datadoghq.eu"])
V("sqreen", "Sqreen", "FR", "datadog", "private", WP("Datadog"), legal="Sqreen SAS", web="https://www.sqreen.com",
  acq=[{"acquirer": "datadog", "year": 2021, "source": "https://www.datadoghq.com/blog/datadog-acquires-sqreen/"}], note="French application-security start-up; now part of Datadog (US).")
V("zendesk", "Zendesk", "US", None, "private-equity", WP("Zendesk"), legal="Zendesk, Inc.", web="https://www.zendesk.com", note="Taken private in 2022 by a consortium led by Hellman & Friedman and Permira.")
P("zendesk", "zendesk", "Zendesk", "customer-support", web="https://www.zendesk.com", dom=["zendesk.com", "zdassets.com", "zopim.com"])
V("hubspot", "HubSpot", "US", "none", "listed", SEC("HUBS"), legal="HubSpot, Inc.", web="https://www.hubspot.com")
P("hubspot", "hubspot", "HubSpot", "crm", web="https://www.hubspot.com", dom=["hubspot.com", "hs-scripts.com", "hsforms.com", "hubspotusercontent-na1.net", "hs-analytics.net", "hubapi.com"])
V("docusign", "Docusign", "US", "none", "listed", SEC("DOCU"), legal="Docusign, Inc.", web="https://www.docusign.com")
P("docusign", "docusign", "Docusign eSignature", "e-signature", web="https://www.docusign.com", alias=["DocuSign"], dom=["docusign.com", "docusign.net"])
V("twilio", "Twilio", "US", "none", "listed", SEC("TWLO"), legal="Twilio Inc.", web="https://www.twilio.com")
P("twilio", "twilio", "Twilio (incl. SendGrid)", "integration", web="https://www.twilio.com", alias=["SendGrid", "Twilio SendGrid", "Segment"], dom=["twilio.com", "sendgrid.com", "sendgrid.net", "segment.com", "segment.io"])
V("intuit", "Intuit", "US", "none", "listed", SEC("INTU"), legal="Intuit Inc.", web="https://www.intuit.com")
P("intuit", "mailchimp", "Mailchimp", "marketing", web="https://mailchimp.com", dom=["mailchimp.com", "list-manage.com", "mcusercontent.com", "chimpstatic.com"])
V("figma", "Figma", "US", "none", "listed", WP("Figma"), legal="Figma, Inc.", web="https://www.figma.com", as_of="2025-08-01")
P("figma", "figma", "Figma", "design", web="https://www.figma.com", alias=["FigJam", "Figma Make"], dom=["figma.com", "figma.site"], hosting=["aws"])
V("asana", "Asana", "US", "none", "listed", SEC("ASAN"), legal="Asana, Inc.", web="https://asana.com")
P("asana", "asana", "Asana", "project-management", web="https://asana.com", dom=["asana.com", "app.asana.com"], hosting=["aws"])
V("monday-com", "monday.com", "IL", "none", "listed", WP("Monday.com"), legal="monday.com Ltd.", web="https://monday.com")
P("monday-com", "monday", "monday.com Work OS", "project-management", web="https://monday.com", alias=["monday"], dom=["monday.com"], hosting=["aws"])
V("miro", "Miro", "US", None, "private", WP("Miro_(collaboration_platform)"), legal="RealtimeBoard, Inc.", web="https://miro.com")
P("miro", "miro", "Miro", "design", web="https://miro.com", alias=["RealtimeBoard"], dom=["miro.com", "miro.app", "realtimeboard.com"], hosting=["aws"])
V("airtable", "Airtable", "US", None, "private", WP("Airtable"), legal="Formagrid Inc.", web="https://www.airtable.com")
P("airtable", "airtable", "Airtable", "integration", web="https://www.airtable.com", dom=["airtable.com"])
V("zapier", "Zapier", "US", None, "private", WP("Zapier"), legal="Zapier, Inc.", web="https://zapier.com")
P("zapier", "zapier", "Zapier", "integration", web="https://zapier.com", dom=["zapier.com", "zapier.app"])
V("snowflake", "Snowflake", "US", "none", "listed", SEC("SNOW"), legal="Snowflake Inc.", web="https://www.snowflake.com")
P("snowflake", "snowflake", "Snowflake", "database", web="https://www.snowflake.com", alias=["Snowflake Data Cloud"], dom=["snowflake.com", "snowflakecomputing.com"])
V("databricks", "Databricks", "US", None, "private", WP("Databricks"), legal="Databricks, Inc.", web="https://www.databricks.com")
P("databricks", "databricks", "Databricks Data Intelligence Platform", "analytics-bi", web="https://www.databricks.com", alias=["Databricks", "Mosaic AI"], dom=["databricks.com", "cloud.databricks.com", "azuredatabricks.net"])
V("mongodb", "MongoDB", "US", "none", "listed", SEC("MDB"), legal="MongoDB, Inc.", web="https://www.mongodb.com")
P("mongodb", "mongodb-atlas", "MongoDB Atlas", "database", web="https://www.mongodb.com/atlas", alias=["MongoDB", "Atlas"], dom=["mongodb.com", "mongodb.net", "mongodb.org"])
V("elastic", "Elastic", "US", "none", "listed", SEC("ESTC"), legal="Elastic N.V.", web="https://www.elastic.co", note="Incorporated in the Netherlands (Elastic N.V.), headquartered in San Francisco; listed in New York.")
P("elastic", "elastic-cloud", "Elastic Cloud (Elasticsearch)", "observability", web="https://www.elastic.co", alias=["Elasticsearch", "Kibana", "Elastic Security"], dom=["elastic.co", "elastic-cloud.com", "found.io"])
V("x-corp", "X Corp.", "US", "none", "private", WP("X_Corp."), legal="X Corp.", aliases=["Twitter"], web="https://x.com", note="X Corp. and xAI were merged into X.AI Holdings in 2025.")
P("x-corp", "x-twitter", "X (Twitter)", "social-media", web="https://x.com", alias=["Twitter"], dom=["x.com", "twitter.com", "twimg.com", "t.co"])
V("netflix", "Netflix", "US", "none", "listed", SEC("NFLX"), legal="Netflix, Inc.", web="https://www.netflix.com")
P("netflix", "netflix", "Netflix", "media-entertainment", web="https://www.netflix.com", dom=["netflix.com", "nflxvideo.net", "nflximg.net", "nflxext.com", "nflxso.net"])
V("spotify", "Spotify", "SE", "none", "listed", WP("Spotify"), legal="Spotify Technology S.A.", web="https://www.spotify.com", note="Holding company incorporated in Luxembourg; operational headquarters in Stockholm.")
P("spotify", "spotify", "Spotify", "media-entertainment", web="https://www.spotify.com", dom=["spotify.com", "scdn.co", "spotifycdn.com", "spoti.fi"])
V("proton", "Proton", "CH", "none", "private", WP("Proton_AG"), legal="Proton AG", web="https://proton.me", note="Majority-owned by the non-profit Proton Foundation since 2024.")
P("proton", "proton-mail", "Proton Mail", "email", web="https://proton.me/mail", alias=["ProtonMail", "Proton"], v2=["protonmail"], dom=["proton.me", "protonmail.com", "protonmail.ch", "pm.me"])
P("proton", "lumo", "Lumo (Proton)", "genai-chat", web="https://lumo.proton.me", dom=["lumo.proton.me"])
V("tencent", "Tencent", "CN", "none", "listed", WP("Tencent"), legal="Tencent Holdings Limited", web="https://www.tencent.com", note="Incorporated in the Cayman Islands, headquartered in Shenzhen.")
P("tencent", "wechat", "WeChat / Weixin", "messaging", web="https://www.wechat.com", alias=["Weixin", "QQ"], v2=["tencent", "tencent-dev", "tencent-games", "tencent-tme"])
P("tencent", "tencent-hunyuan", "Tencent Hunyuan / Yuanbao", "genai-chat", web="https://hunyuan.tencent.com", alias=["Yuanbao", "Hunyuan"], dom=["hunyuan.tencent.com", "yuanbao.tencent.com"])
P("tencent", "tencent-codebuddy", "Tencent Cloud CodeBuddy", "genai-coding", web="https://codebuddy.cn", dom=["codebuddy.cn", "codebuddy.ai"])
